using Crawler.Abstractions.Pipeline;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AudioCrawl.Testing;

/// <summary>Runs a planned crawl in a crawl host with the HTTP fetcher, the given sinks and whatever <c>configure</c> adds.</summary>
public static class TestCrawl
{
    public static async Task<CrawlResult> RunAsync(
        CrawlPlan plan,
        IEnumerable<IPairSink> sinks,
        Action<CrawlHostBuilder>? configure = null,
        ILoggerFactory? loggers = null,
        Action<CrawlEngine>? onStarted = null,
        CancellationToken stopToken = default)
    {
        var builder = CrawlHostBuilder.For(plan, loggers ?? NullLoggerFactory.Instance, TimeProvider.System).AddHttpFetcher();
        foreach (var sink in sinks)
            builder.AddSink(sink);
        configure?.Invoke(builder);
        await using var host = builder.Build();
        return await host.RunAsync(plan, onStarted, stopToken);
    }
}
