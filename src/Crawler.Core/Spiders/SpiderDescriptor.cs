using Microsoft.Extensions.DependencyInjection;

namespace AudioCrawl.Core.Spiders;

/// <summary>A registered spider class: its name, description and settings type.</summary>
public sealed record SpiderDescriptor(string Name, string Description, Type SpiderType, Type SettingsType)
{
    /// <summary>Whether the class can be made without a container (it has a public parameterless constructor).</summary>
    public bool HasParameterlessConstructor => SpiderType.GetConstructor(Type.EmptyTypes) is not null;

    /// <summary>Creates the spider through <paramref name="services"/>: its constructor's parameters are resolved there.</summary>
    public Spider Create(IServiceProvider services)
    {
        try
        {
            return (Spider)ActivatorUtilities.CreateInstance(services, SpiderType);
        }
        catch (InvalidOperationException ex)
        {
            throw new CrawlerException($"Spider '{Name}' ({SpiderType.FullName}) cannot be created: {ex.Message} Register what its constructor asks for on the crawl host (CrawlHostBuilder.Services).", ex);
        }
    }
}
