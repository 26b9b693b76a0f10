using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Spiders;

namespace AudioCrawl.Core.Engine;

/// <summary>A spider ready to run: its entry, a configured instance, and the engine settings that apply.</summary>
public sealed record CrawlPlan(SpiderDescriptor Descriptor, SpiderEntry? Entry, Spider Spider, EngineSettings Engine)
{
    public string Name => Spider.Name;
}
