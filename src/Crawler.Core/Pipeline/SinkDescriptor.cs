using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Spiders;
using Microsoft.Extensions.DependencyInjection;

namespace Crawler.Core.Pipeline;

/// <summary>A registered sink class: its type name, description and settings type.</summary>
public sealed record SinkDescriptor(string Name, string Description, Type SinkType, Type SettingsType)
{
    /// <summary>Creates the sink through the crawl host's container, handing it <paramref name="settings"/>.</summary>
    public IPairSink Create(IServiceProvider services, object settings) =>
        SettingsType == typeof(NoSettings)
            ? (IPairSink)ActivatorUtilities.CreateInstance(services, SinkType)
            : (IPairSink)ActivatorUtilities.CreateInstance(services, SinkType, settings);
}
