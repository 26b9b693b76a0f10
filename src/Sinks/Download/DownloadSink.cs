using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Spiders;
using Crawler.Abstractions.Stats;
using Crawler.Core.Media;
using Microsoft.Extensions.Logging;

namespace Sinks.Download;

/// <summary>
/// An audio sink of a crawl (Scrapy's media pipeline): each pair the item pipeline accepts becomes a low-priority
/// media request in the crawl's own frontier (<see cref="MediaRequests"/>), which the engine fetches through the same
/// fetch pipeline as pages and hands back here to be converted and packed. Closing waits for what was handed on.
/// Pending downloads live in the frontier: a killed job with <c>--job-dir</c> resumes them.
/// </summary>
public abstract class DownloadSink : IPairSink, IMediaRequestHandler
{
    private readonly AudioSinkGroup _group;
    private bool _closed;

    /// <param name="type">The sink type; with its place among the crawl's sinks of that type it names the handler of its media
    /// requests, and in a shared crawl every worker's sink of that name packs the downloads it draws into its own output.</param>
    protected DownloadSink(string type, DownloadRunner runner, AudioSinkGroup group)
    {
        Type = type;
        _group = group;
        (MediaHandlerName, _) = group.Join(this, type);
        Runner = runner;
    }

    /// <summary>
    /// The sink of <paramref name="settings"/> writing with <paramref name="writer"/> into its output in <paramref name="context"/>,
    /// keeping its record there (the crawl's first audio sink in <see cref="StatusJournal.JobFileName"/>), counting in <paramref name="stats"/>.
    /// </summary>
    protected DownloadSink(string type, AudioSinkSettings settings, AudioSinkContext context, Func<string, ISampleWriter> writer, AudioSinkGroup group, CrawlStats stats, ILoggerFactory loggers, TimeProvider time)
    {
        Type = type;
        _group = group;
        (MediaHandlerName, var place) = group.Join(this, type);
        var output = context.OutputOf(settings);
        Runner = new DownloadRunner(settings.CreateResolvers(), writer(output), output, StatusJournal.PathFor(output, context.RecordFolder, place == 0 ? null : MediaHandlerName),
            settings.ToDownloadOptions(), loggers.CreateLogger("download"), time)
        {
            Counters = stats.Custom,
        };
    }

    public string Name => $"{MediaHandlerName} {Runner.Output}";

    /// <summary>The sink type (<c>webdataset</c>, <c>files</c>, ...).</summary>
    public string Type { get; }

    public string MediaHandlerName { get; }

    public DownloadRunner Runner { get; }

    public ISampleWriter Writer => Runner.Writer;

    /// <summary>The summary, once the sink is closed.</summary>
    public DownloadSummary? Summary { get; private set; }

    public Task OpenAsync(CancellationToken cancellationToken = default) => Runner.OpenAsync(cancellationToken);

    /// <summary>Schedules the pair's audio, once for every audio sink of the crawl that takes it (see <see cref="AudioSinkGroup"/>).</summary>
    public ValueTask WriteAsync(AudioPair pair, CancellationToken cancellationToken = default) => _group.WriteAsync(pair, cancellationToken);

    /// <summary>The sample of <paramref name="pair"/> as this sink's source: its next row, the pair's facts.</summary>
    public AudioSource SourceOf(AudioPair pair)
    {
        var url = pair.Url.AbsoluteUri;
        return AudioSource.Of(Runner.NextRow(), url, pair.Text, pair.OriginalData?.DeepClone() as JsonObject ?? [], url) with
        {
            Tags = pair.Tags,
            Spider = pair.Spider,
            Page = pair.Page?.AbsoluteUri,
        };
    }

    /// <summary>The media request that downloads <paramref name="sample"/>, handled by this sink for every sink that takes it.</summary>
    public Request RequestFor(MediaSample sample) =>
        MediaRequests.For(MediaHandlerName, new Uri(sample.Source.Url, UriKind.Absolute), JsonSerializer.SerializeToElement(sample));

    /// <summary>The media requests of the <paramref name="rows"/> this sink accepts (the download command's start requests).</summary>
    public async IAsyncEnumerable<Request> RequestsForAsync(IAsyncEnumerable<AudioSource> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var source in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (await Runner.AcceptAsync(source).ConfigureAwait(false))
                yield return RequestFor(new MediaSample(source, [new MediaSampleSink(MediaHandlerName, source.Row)]));
        }
    }

    public ValueTask HandleAsync(MediaRequestContext context, CancellationToken cancellationToken = default) =>
        _group.HandleAsync(this, MediaSample.Of(context.Request.Data, MediaHandlerName, context.Request.Url), context, cancellationToken);

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
