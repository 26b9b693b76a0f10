using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Scheduling;
using Crawler.Abstractions.Spiders;
using Crawler.Abstractions.Stats;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;
using Microsoft.Extensions.Logging;

namespace Crawler.Core.Live;

/// <summary>
/// Publishes a crawl with a job directory to whoever watches it (<c>audiocrawl serve</c>): a Unix domain socket,
/// <c>live.sock</c> in the job directory, that sends each connected reader one JSON line (<see cref="LiveSnapshot"/>)
/// a second, and a last one when the crawl ends. The counters are sampled every second whether or not anyone
/// watches (a few reads of <see cref="CrawlStats"/>); the snapshot, the queue count and the JSON are made only when a
/// reader is connected. At the end it writes summary.json and removes the socket. Without a job directory it does nothing.
/// </summary>
public sealed class LiveFeed : ICrawlExtension, IAsyncDisposable
{
    private const int RecentFailureCount = 20;
    private const int BusiestHostCount = 10;

    private readonly CrawlStats _stats;
    private readonly IFrontier _frontier;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string? _jobDirectory;
    private readonly TimeSpan _interval;
    private readonly CounterSet _hostResponses = new();
    private readonly CounterSet _hostErrors = new();
    private readonly ConcurrentQueue<LiveFailure> _failures = new();
    private readonly ConcurrentDictionary<Socket, byte> _readers = new();
    private readonly RateHistory _history = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _joined = new(0);
    private readonly TaskCompletionSource<CrawlResult?> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;
    private Task _publishing = Task.CompletedTask;
    private string _spider = "";
    private int _disposed;
    private readonly IReadOnlyList<string> _arguments = [];

    public LiveFeed(CrawlStats stats, IFrontier frontier, TimeProvider time, ILogger<LiveFeed> logger, JobDirectory? job = null, CrawlCommandLine? commandLine = null)
        : this(stats, frontier, time, logger, job?.Path, TimeSpan.FromSeconds(1))
    {
        _arguments = commandLine?.Arguments ?? [];
    }

    /// <param name="jobDirectory">Where live.sock and summary.json go; null publishes nothing.</param>
    /// <param name="interval">How often a snapshot is sampled and sent.</param>
    public LiveFeed(CrawlStats stats, IFrontier frontier, TimeProvider time, ILogger<LiveFeed> logger, string? jobDirectory, TimeSpan interval)
    {
        _stats = stats;
        _frontier = frontier;
        _time = time;
        _logger = logger;
        _jobDirectory = jobDirectory;
        _interval = interval;
    }

    /// <summary>The socket the feed listens on, or null when it does not publish.</summary>
    public string? SocketPath { get; private set; }

    public void OnStarted(Spider spider)
    {
        _spider = spider.Name;
        if (_jobDirectory is null)
            return;
        File.Delete(LiveFeedPaths.Summary(_jobDirectory)); // that of an earlier crawl of this job, which this one continues
        if (!Socket.OSSupportsUnixDomainSockets)
            return;
        var path = LiveFeedPaths.Socket(_jobDirectory);
        if (System.Text.Encoding.UTF8.GetByteCount(path) > LiveFeedPaths.MaxSocketPath)
        {
            _logger.LogWarning("No live feed for the dashboard: the socket path {Path} is longer than {Max} bytes (use a shorter --job-dir).", path, LiveFeedPaths.MaxSocketPath);
            return;
        }
        try
        {
            File.Delete(path); // a socket left by a killed crawl of this job; its process is gone
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(16);
            _listener = listener;
            SocketPath = path;
        }
        catch (Exception ex) when (ex is SocketException or IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("No live feed for the dashboard: cannot listen on {Path} ({Message}).", path, ex.Message);
            return;
        }
        _accepting = Task.Run(AcceptAsync);
        _publishing = Task.Run(PublishAsync);
    }

    public void OnResponse(Response response) => _hostResponses.Increment(response.Request.Url.Authority);

    public void OnError(Request request, string kind, string message)
    {
        _hostErrors.Increment(request.Url.Authority);
        _failures.Enqueue(new LiveFailure(_time.GetUtcNow(), request.Url.AbsoluteUri, kind, message));
        while (_failures.Count > RecentFailureCount && _failures.TryDequeue(out _))
        {
        }
    }

    public void OnFinished(CrawlResult result)
    {
        Sample(result.Stats);
        _finished.TrySetResult(result);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var reader = await _listener!.AcceptAsync(_stop.Token).ConfigureAwait(false);
                _readers[reader] = 0;
                _joined.Release();
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task PublishAsync()
    {
        using var timer = new PeriodicTimer(_interval, _time);
        var finished = _finished.Task;
        var tick = timer.WaitForNextTickAsync(_stop.Token).AsTask();
        var joined = _joined.WaitAsync(_stop.Token);
        while (true)
        {
            var woken = await Task.WhenAny(tick, joined, finished).ConfigureAwait(false);
            if (woken == finished || woken.IsCanceled)
                break;
            var stats = _stats.Snapshot();
            if (woken == tick)
            {
                if (!await tick.ConfigureAwait(false))
                    break;
                tick = timer.WaitForNextTickAsync(_stop.Token).AsTask();
                Sample(stats);
            }
            else
            {
                joined = _joined.WaitAsync(_stop.Token); // a reader connected: it gets a snapshot now, not at the next tick
            }
            if (_readers.IsEmpty)
                continue;
            var queued = await QueuedAsync().ConfigureAwait(false);
            await SendAsync(Snapshot("running", stats with { Queued = queued })).ConfigureAwait(false);
        }

        if (finished.IsCompletedSuccessfully && await finished.ConfigureAwait(false) is { } result)
        {
            await SendAsync(Snapshot(OutcomeName(result), result.Stats)).ConfigureAwait(false);
        }
    }

    private static string OutcomeName(CrawlResult result) => result.Outcome.ToString().ToLowerInvariant();

    private void Sample(CrawlStatsSnapshot stats)
    {
        var point = new RatePoint(stats.ElapsedSeconds, stats.Requests, stats.Responses, stats.Items, stats.ErrorsByKind.Values.Sum());
        lock (_history)
            _history.Add(point);
    }

    private async Task<long> QueuedAsync()
    {
        try
        {
            return await _frontier.CountAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return -1; // the frontier is closing or unreachable; the live view shows the queue as unknown
        }
    }

    private LiveSnapshot Snapshot(string state, CrawlStatsSnapshot stats)
    {
        var responses = _hostResponses.Snapshot();
        var errors = _hostErrors.Snapshot();
        var hosts = responses.Keys.Union(errors.Keys)
            .Select(host => new HostActivity(host, responses.GetValueOrDefault(host), errors.GetValueOrDefault(host)))
            .OrderByDescending(h => h.Responses + h.Errors).ThenBy(h => h.Host, StringComparer.Ordinal)
            .Take(BusiestHostCount)
            .ToArray();
        RatePoint[] history;
        lock (_history)
            history = [.. _history.Points];
        return new LiveSnapshot(_spider, Environment.ProcessId, _time.GetUtcNow(), state, stats, hosts, [.. _failures.Reverse()], history, _arguments);
    }

    private async Task SendAsync(LiveSnapshot snapshot)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(snapshot, LiveJson.Options);
        var framed = new byte[line.Length + 1];
        line.CopyTo(framed, 0);
        framed[^1] = (byte)'\n';
        foreach (var reader in _readers.Keys)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await reader.SendAsync(framed, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                Drop(reader); // a reader that went away, or one too slow to take a line in 2 s
            }
        }
    }

    private void Drop(Socket reader)
    {
        _readers.TryRemove(reader, out _);
        reader.Dispose();
    }

    private async Task WriteSummaryAsync(RunSummary summary)
    {
        var path = LiveFeedPaths.Summary(_jobDirectory!);
        try
        {
            var temporary = path + ".tmp";
            await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(summary, LiveJson.Options)).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Could not write the run summary {Path}: {Message}", path, ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return; // the container disposes an extension once as itself and once as ICrawlExtension
        _finished.TrySetResult(null);
        await _publishing.ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _accepting.ConfigureAwait(false);
        if (_jobDirectory is not null && await _finished.Task.ConfigureAwait(false) is { } result)
        {
            var last = Snapshot(OutcomeName(result), result.Stats);
            await WriteSummaryAsync(new RunSummary(_spider, last.State, result.FinishReason, result.FailureMessage, last.Time, result.Stats, last.Hosts, last.History, _arguments)).ConfigureAwait(false);
        }
        foreach (var reader in _readers.Keys)
            Drop(reader);
        if (SocketPath is not null)
            File.Delete(SocketPath);
        _stop.Dispose();
        _joined.Dispose();
    }
}
