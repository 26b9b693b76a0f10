using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using AudioCrawl.Core.Http;
using AudioCrawl.Core.Media;
using AudioCrawl.Core.Pipeline;
using AudioCrawl.Core.Scheduling;
using AudioCrawl.Core.Spiders;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Sinks.Download;

/// <summary>
/// An audio sink of a crawl (Scrapy's media pipeline): each pair the item pipeline accepts becomes a low-priority
/// media request in the crawl's own frontier (<see cref="MediaRequests"/>), which the engine fetches through the same
/// fetch pipeline as pages and hands back here to be converted and packed. Closing waits for what was handed on.
/// Pending downloads live in the frontier: a killed job with <c>--job-dir</c> resumes them.
/// </summary>
public abstract class DownloadSink : IPairSink, IMediaRequestHandler
{
    private readonly IFrontier _frontier;
    private bool _closed;

    /// <param name="type">The sink type, which names the handler of its media requests: a crawl has one sink of each audio type, and in a
    /// shared crawl every worker's sink of that type packs the downloads it draws into its own output.</param>
    protected DownloadSink(string type, DownloadRunner runner, IFrontier frontier)
    {
        Runner = runner;
        _frontier = frontier;
        MediaHandlerName = type;
    }

    public string Name => $"{MediaHandlerName} {Runner.Output}";

    public string MediaHandlerName { get; }

    public DownloadRunner Runner { get; }

    public ISampleWriter Writer => Runner.Writer;

    /// <summary>The summary, once the sink is closed.</summary>
    public DownloadSummary? Summary { get; private set; }

    /// <summary>The sink of <paramref name="settings"/> writing to <paramref name="output"/> with <paramref name="writer"/>.</summary>
    /// <param name="recordFolder">Where the per-sample record lives (a job directory), or null for the output folder.</param>
    protected DownloadSink(string type, AudioSinkSettings settings, string output, ISampleWriter writer, IFrontier frontier, ILoggerFactory loggers, TimeProvider time, string? recordFolder)
        : this(type, new DownloadRunner(settings.CreateResolvers(), writer, output, StatusJournal.PathFor(output, recordFolder), settings.ToDownloadOptions(), loggers.CreateLogger("download"), time), frontier)
    {
    }

    public Task OpenAsync(CancellationToken cancellationToken = default) => Runner.OpenAsync(cancellationToken);

    public async ValueTask WriteAsync(AudioPair pair, CancellationToken cancellationToken = default)
    {
        var url = pair.Url.AbsoluteUri;
        var original = pair.OriginalData?.DeepClone() as JsonObject ?? [];
        var source = AudioSource.Of(Runner.NextRow(), url, pair.Text, original, url) with
        {
            Tags = pair.Tags,
            Spider = pair.Spider,
            Page = pair.Page?.AbsoluteUri,
        };
        if (await Runner.AcceptAsync(source).ConfigureAwait(false))
            await _frontier.EnqueueAsync(RequestFor(source), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The media request that downloads <paramref name="source"/> for this sink.</summary>
    public Request RequestFor(AudioSource source) =>
        MediaRequests.For(MediaHandlerName, new Uri(source.Url, UriKind.Absolute), JsonSerializer.SerializeToElement(source));

    /// <summary>The media requests of the <paramref name="rows"/> this sink accepts (the download command's start requests).</summary>
    public async IAsyncEnumerable<Request> RequestsForAsync(IAsyncEnumerable<AudioSource> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var source in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (await Runner.AcceptAsync(source).ConfigureAwait(false))
                yield return RequestFor(source);
        }
    }

    public ValueTask HandleAsync(MediaRequestContext context, CancellationToken cancellationToken = default)
    {
        var source = context.Request.Data?.Deserialize<AudioSource>()
            ?? throw new InvalidOperationException($"The media request for {context.Request.Url} carries no sample.");
        return Runner.HandleAsync(source, context, cancellationToken);
    }

    /// <summary>Closes the open shard once what was handed on is packed (a shared crawl with nothing else left to do).</summary>
    public ValueTask SealAsync(CancellationToken cancellationToken = default) => Runner.SealAsync(cancellationToken);

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_closed)
            return;
        _closed = true;
        Summary = await Runner.CloseAsync(cancelled: false).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops at once: downloads and conversions in flight are left pending for a later run.</summary>
    public void Abort() => Runner.Abort();
}
