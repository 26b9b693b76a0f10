using Crawler.Core.Configuration;
using Crawler.Core.Pipeline;

namespace AudioCrawl.Commands;

/// <summary>The sink entries CLI flags stand for (<c>-o</c>: <c>csv</c>, <c>--webdataset</c>, <c>--audio-dir</c>), as crawlers.json would name them.</summary>
public static class CliSinks
{
    public static SinkEntry Entry(SinkRegistry registry, string type, object settings)
    {
        if (!registry.TryGet(type, out var descriptor))
            throw new InvalidOperationException($"No sink type '{type}' is registered.");
        return new SinkEntry(type, descriptor, null, settings);
    }
}
