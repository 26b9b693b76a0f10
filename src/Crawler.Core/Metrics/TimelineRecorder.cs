using Crawler.Abstractions.Scheduling;
using Crawler.Abstractions.Spiders;
using Crawler.Abstractions.Stats;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;
using Microsoft.Extensions.Logging;

namespace Crawler.Core.Metrics;

/// <summary>
/// The crawl extension that writes the time series (<see cref="TimelineFile"/>): a point of the crawl's stats every
/// interval while it runs, and a last one when the host is disposed (after the sinks closed: the crawl's figures as
/// its result and <c>--stats</c> hold them, and the downloads finished while the sinks drained). A point that cannot be written is logged and counted (<c>timeline</c> error), not fatal.
/// </summary>
public sealed class TimelineRecorder(TimelineOptions options, CrawlStats stats, IFrontier frontier, TimeProvider time, ILogger<TimelineRecorder> logger) : ICrawlExtension, IAsyncDisposable
{
    public const string ErrorKind = "timeline";

    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private TimelineFile? _file;
    private Task _loop = Task.CompletedTask;
    private IReadOnlyDictionary<string, LatencyHistogram> _lastLatency = new Dictionary<string, LatencyHistogram>();
    private TimeSpan _lastElapsed;
    private TimeSpan _interval = options.Interval;
    private CrawlResult? _result;
    private bool _failed;

    public void OnStarted(Spider spider) => _loop = RunAsync(_stop.Token);

    public void OnFinished(CrawlResult result)
    {
        _result = result;
        _stop.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes an extension twice: as itself and as the ICrawlExtension it is registered as.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (_file is not null)
        {
            // Taken now, after the sinks closed, so that downloads finished while the queue drained are in it; the
            // crawl's own figures are frozen since it finished, and equal to its result's (and --stats').
            var last = stats.Snapshot(_result?.FinishReason, _result?.Stats.Queued ?? 0);
            await WriteAsync(last, CancellationToken.None, at: _result is null ? null : last.StartedAtUtc.AddSeconds(last.ElapsedSeconds)).ConfigureAwait(false);
            try
            {
                await _file.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Fail(ex);
            }
        }
        _stop.Dispose();
        _writing.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var tick = Task.Delay(_interval, time, cancellationToken);
            // Opened whatever happens next, so that even a crawl over before the first interval gets its last point.
            _file = await TimelineFile.OpenAsync(options.Path, options.MaxLines, CancellationToken.None).ConfigureAwait(false);
            while (true)
            {
                await tick.ConfigureAwait(false);
                // The next interval starts now, not when this point is written (twice as long when this point fills the file).
                if (_file.NextAppendDownsamples)
                    _interval *= 2;
                tick = Task.Delay(_interval, time, cancellationToken);
                var queued = await frontier.CountAsync(cancellationToken).ConfigureAwait(false);
                await WriteAsync(stats.Snapshot(queued: queued), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail(ex);
        }
    }

    private async Task WriteAsync(CrawlStatsSnapshot snapshot, CancellationToken cancellationToken, DateTimeOffset? at = null)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_failed)
                return; // the time series is best effort: one warning, then no more writes to a failing disk
            var latency = stats.Latency.Snapshot();
            var elapsed = TimeSpan.FromSeconds(snapshot.ElapsedSeconds);
            var point = TimelinePoint.Of(snapshot, at ?? time.GetUtcNow(), (elapsed - _lastElapsed).TotalSeconds, latency, _lastLatency);
            await _file!.AppendAsync(point, CancellationToken.None).ConfigureAwait(false);
            _lastLatency = latency;
            _lastElapsed = elapsed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail(ex);
        }
        finally
        {
            _writing.Release();
        }
    }

    private void Fail(Exception ex)
    {
        if (_failed)
            return;
        _failed = true;
        stats.Errors.Increment(ErrorKind);
        logger.LogWarning("Cannot write the time series {Path}: {Message}", options.Path, ex.Message);
    }
}
