using AudioCrawl.Core;
using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Engine;
using AudioCrawl.Core.Hosting;

namespace AudioCrawl.Sinks.Download;

/// <summary>
/// Rows (of a CSV) downloaded by the one engine: the crawl of no spider whose start requests are the media requests of
/// the rows the download sink accepts, fetched through the host's frontier and fetch pipeline as a crawl's audio is.
/// </summary>
public sealed class DownloadCrawl
{
    public const string SpiderName = "download";

    private DownloadSink? _sink;

    public DownloadCrawl(Func<CancellationToken, IAsyncEnumerable<AudioSource>> rows, EngineSettings engine) =>
        Plan = CrawlPlan.OfRequests(SpiderName, cancellationToken => Sink.RequestsForAsync(rows(cancellationToken), cancellationToken), engine);

    public CrawlPlan Plan { get; }

    /// <summary>The sink, once the crawl created it.</summary>
    public DownloadSink Sink => _sink ?? throw new InvalidOperationException("The download sink is created when the crawl starts.");

    /// <summary>Adds the sink the rows go to (created when the crawl starts).</summary>
    public CrawlHostBuilder AddSink(CrawlHostBuilder builder, Func<IServiceProvider, DownloadSink> create) =>
        builder.AddSink(services => _sink = create(services));

    /// <summary>Runs the rows; the summary of the sink, or the failure that stopped it (reading the rows, packing).</summary>
    public async Task<DownloadSummary> RunAsync(CrawlHost host, Action<CrawlEngine>? onStarted = null, CancellationToken stopToken = default)
    {
        CrawlResult result;
        await using (stopToken.Register(() => _sink?.Runner.NoteStopped()))
            result = await host.RunAsync(Plan, onStarted, stopToken).ConfigureAwait(false);
        if (result.Outcome == CrawlOutcome.Failed && result.FinishReason != FinishReasons.NoResponses)
            throw new CrawlerException(result.FailureMessage ?? $"the download stopped ({result.FinishReason}).");
        return Sink.Summary ?? throw new CrawlerException("the download sink was not closed.");
    }
}
