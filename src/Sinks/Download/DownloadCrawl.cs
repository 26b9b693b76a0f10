using Crawler.Abstractions;
using Crawler.Abstractions.Configuration;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;

namespace Sinks.Download;

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

    /// <summary>The sinks of <paramref name="entries"/>, created through the host's sink registry as a crawl's are; the rows go to the audio sink among them.</summary>
    public CrawlHostBuilder AddSinks(CrawlHostBuilder builder, IEnumerable<SinkEntry> entries) => Watch(builder.AddSinks(entries, SpiderName));

    /// <summary>Finds, among the sinks the host creates, the one audio sink the rows go to.</summary>
    public CrawlHostBuilder Watch(CrawlHostBuilder builder) => builder.OnSinkCreated(sink =>
    {
        if (sink is not DownloadSink download)
            return;
        if (_sink is not null)
            throw new ConfigurationException($"the download has two audio sinks ({_sink.Name}, {download.Name}); it writes one.");
        _sink = download;
    });

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
