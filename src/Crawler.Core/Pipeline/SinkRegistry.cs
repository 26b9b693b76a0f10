using System.Reflection;
using Crawler.Abstractions.Pipeline;
using Crawler.Core.Plugins;

namespace Crawler.Core.Pipeline;

/// <summary>Sink classes found by their <see cref="SinkAttribute"/> in the given assemblies (the CLI's, and plugins).</summary>
public sealed class SinkRegistry(IEnumerable<Assembly> assemblies)
{
    private readonly AttributeRegistry<SinkAttribute, SinkDescriptor> _sinks = new(assemblies, "sink", typeof(IPairSink), attribute => attribute.Name,
        (type, attribute) => new SinkDescriptor(attribute.Name, attribute.Description, type, attribute.SettingsType));

    public static SinkRegistry Empty { get; } = new([]);

    public IReadOnlyCollection<SinkDescriptor> All => [.. _sinks.All];

    public bool TryGet(string name, out SinkDescriptor descriptor) => _sinks.TryGet(name, out descriptor!);
}
