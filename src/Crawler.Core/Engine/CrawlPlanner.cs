using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;
using Crawler.Core.Spiders;

namespace Crawler.Core.Engine;

/// <summary>
/// Resolves a spider name against crawlers.json and the registry and binds its settings, so every configuration
/// problem is reported before the first request.
/// </summary>
public sealed class CrawlPlanner(SpiderRegistry registry, CrawlerConfig config)
{
    public CrawlPlan Plan(string name, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        config.Spiders.TryGetValue(name, out var entry);
        var typeName = entry?.Type ?? name;
        if (!registry.TryGet(typeName, out var descriptor))
        {
            if (entry is not null)
                throw new ConfigurationException($"{config.Source}, spiders.{name}: unknown spider type '{typeName}'. Known spider types: {KnownTypes()}.");
            throw new ConfigurationException($"Unknown spider '{name}'. Known spiders: {string.Join(", ", KnownNames())}.");
        }
        // A spider whose constructor asks for services is created by its crawl host; its class still names its engine defaults.
        var spider = descriptor.HasParameterlessConstructor ? (Spider)Activator.CreateInstance(descriptor.SpiderType)! : null;
        var settings = SettingsBinder.Bind(descriptor, name, descriptor.EngineDefaults(new EngineSettings(), spider), config, entry, overrides);
        return new CrawlPlan(descriptor, entry, name, settings, spider);
    }

    /// <summary>Every runnable name: the crawlers.json entries and the spider classes, sorted.</summary>
    public IEnumerable<string> KnownNames() =>
        config.Spiders.Keys.Concat(registry.All.Select(d => d.Name)).Distinct().Order(StringComparer.Ordinal);

    private string KnownTypes() => string.Join(", ", registry.All.Select(d => d.Name));
}
