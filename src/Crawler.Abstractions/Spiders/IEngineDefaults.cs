using Crawler.Abstractions.Configuration;

namespace Crawler.Abstractions.Spiders;

/// <summary>
/// Engine settings a spider class prefers over the built-in ones (politeness, say). Read from the class before any
/// instance exists, as Scrapy reads a spider's <c>custom_settings</c>, so they apply however the spider is created:
/// with a parameterless constructor or through the crawl host's container with constructor dependencies. The
/// order is always built-in &lt; these &lt; crawlers.json &lt; the command line (<c>--set</c>).
/// </summary>
public interface IEngineDefaults
{
    /// <summary>The engine settings this spider class prefers, given the built-in ones.</summary>
    static abstract EngineSettings EngineDefaults(EngineSettings builtIn);
}
