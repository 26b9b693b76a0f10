using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Politeness;
using Crawler.Abstractions.Scheduling;
using Crawler.Abstractions.Spiders;
using Crawler.Abstractions.Stats;
using Crawler.Core.Configuration;
using Crawler.Core.Hosting;
using Crawler.Core.Http;
using Crawler.Core.Media;
using Crawler.Core.Pipeline;
using Crawler.Core.Politeness;
using Crawler.Core.Scheduling;
using Crawler.Core.Spiders;
using Crawler.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Crawler.Core.Engine;

/// <summary>
/// The crawl loop. <c>concurrency</c> workers take requests from the frontier, fetch them through the fetch
/// pipeline (robots.txt, retries, the host's slot: see <see cref="FetchPipeline"/>), and run the spider's
/// callback; requests it yields go back to the frontier, pairs to the item pipeline. A request is completed in the
/// frontier only after its pairs were flushed, so a killed crawl resumes without losing any. The crawl is idle, and done, when the start requests are exhausted, the frontier is empty and no
/// worker holds a request. A stop (Ctrl+C, limits) stops scheduling at once and gives in-flight requests the grace
/// period to finish before they are abandoned.
/// </summary>
public sealed class CrawlEngine
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);

    private readonly Spider _spider;
    private readonly EngineSettings _settings;
    private readonly IFetcher _fetcher;
    private readonly IFrontier _frontier;
    private readonly ItemPipeline _pipeline;
    private readonly CrawlStats _stats;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OffsiteFilter _offsite;
    private readonly CallbackTable _callbacks;
    private readonly WorkSignal _signal = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<string> _reportedMissingCallbacks = [];
    private readonly ContractMonitor _contracts;
    private int _active;
    private int _stateLost;
    private long _fetchesStarted;
    private long _pagesFetched;
    private long _pairsYielded;
    private volatile bool _seedingDone;
    private string? _finishReason;
    private string? _failure;

    private readonly FailureLog? _failures;
    private readonly CrawlSignals? _signals;
    private readonly string _productToken;
    private readonly IReadOnlyDictionary<string, IMediaRequestHandler> _media;
    private readonly HashSet<string> _reportedMissingMedia = [];
    private readonly SemaphoreSlim _pageSlots;
    private readonly SemaphoreSlim _mediaSlots;
    private volatile bool _drainingMedia;
    private int _sealing;

    public CrawlEngine(Spider spider, EngineSettings settings, IFetcher fetcher, IFrontier frontier, ItemPipeline pipeline, CrawlStats stats, TimeProvider time, ILogger logger, FailureLog? failures = null, CrawlSignals? signals = null, IEnumerable<IMediaRequestHandler>? media = null)
    {
        _media = (media ?? []).GroupBy(h => h.MediaHandlerName, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.Count() == 1 ? g.Single() : throw new ConfigurationException($"this crawl has {g.Count()} media handlers named '{g.Key}'; each needs a name of its own."),
            StringComparer.Ordinal);
        _failures = failures;
        _signals = signals is { IsEmpty: false } ? signals : null;
        _spider = spider;
        _settings = settings;
        _fetcher = fetcher;
        _frontier = frontier;
        _pipeline = pipeline;
        _stats = stats;
        _time = time;
        _logger = logger;
        _offsite = new OffsiteFilter(settings.AllowedDomains.Concat(spider.AllowedDomains));
        _callbacks = CallbackTable.For(spider);
        _productToken = RobotsTxt.ProductToken(settings.UserAgent);
        _contracts = new ContractMonitor(spider.Name, settings.ContractWarnAfter, stats, logger);
        _pageSlots = new SemaphoreSlim(settings.Concurrency, settings.Concurrency);
        _mediaSlots = new SemaphoreSlim(settings.DownloadConcurrency, settings.DownloadConcurrency);
    }

    /// <summary>Runs the crawl until it is done or <paramref name="stopToken"/> asks it to stop. Does not close the pipeline.</summary>
    public async Task<CrawlResult> RunAsync(CancellationToken stopToken = default)
    {
        await using var stopRegistration = stopToken.Register(() => RequestStop(FinishReasons.Cancelled));
        await using var sinkRegistration = _pipeline.Failed.Register(StopOnSinkFailure);
        var seeding = Task.Run(SeedAsync, CancellationToken.None);
        // Pages and audio downloads each have their own share of workers and slots, so neither starves the other.
        var workerCount = _settings.Concurrency + (_media.Count > 0 ? _settings.DownloadConcurrency : 0);
        var workers = Enumerable.Range(0, workerCount).Select(_ => Task.Run(WorkAsync, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers.Append(seeding)).ConfigureAwait(false);
        _stats.Finish();

        if (_pipeline.Failure is { } sinkFailure)
            Fail(FinishReasons.SinkFailed, sinkFailure.Message);
        else if (_finishReason is null && _stats.RequestsSent > 0 && _stats.Responses.Total == 0)
            Fail(FinishReasons.NoResponses, $"none of the {_stats.RequestsSent} requests got a response; see the errors by kind.");

        var reason = _finishReason ?? FinishReasons.Finished;
        var outcome = _failure is not null ? CrawlOutcome.Failed
            : reason == FinishReasons.Finished ? CrawlOutcome.Finished
            : CrawlOutcome.Stopped;
        var contracts = _contracts.Finish();
        var foundNothing = outcome == CrawlOutcome.Failed ? null : JudgeEmpty(contracts, stoppedEarly: outcome == CrawlOutcome.Stopped);
        if (foundNothing is not null)
        {
            if (_settings.AllowEmpty)
                _logger.LogInformation("Spider {Spider} found nothing ({Reason}); accepted because allowEmpty is set.", _spider.Name, foundNothing.Message);
            else
            {
                outcome = CrawlOutcome.Empty;
                _logger.LogError("Spider {Spider} found nothing: {Reason}. The site looks changed; check the spider's selectors (allowEmpty / --allow-empty accepts an empty result).", _spider.Name, foundNothing.Message);
            }
        }
        var queued = await _frontier.CountAsync(CancellationToken.None).ConfigureAwait(false);
        return new CrawlResult(outcome, reason, _stats.Snapshot(reason, queued), _failure) { Contracts = contracts, FoundNothing = foundNothing };
    }

    /// <summary>
    /// Fetched pages but no pair yielded (pairs the pipeline then dropped as duplicates or delivered by earlier runs
    /// count as found), or contracts failing on most of their pages or met on none (<see cref="ContractReport.LooksBroken"/>). A stopped crawl (Ctrl+C, limits) is judged by
    /// its contracts only: it may simply not have reached the pages with pairs yet; so is a worker of a shared crawl.
    /// </summary>
    private FoundNothing? JudgeEmpty(IReadOnlyList<ContractReport> contracts, bool stoppedEarly)
    {
        var pages = Interlocked.Read(ref _pagesFetched);
        // One worker of a shared crawl may have drawn only pages without pairs while the others found them.
        var noPairs = !stoppedEarly && _frontier is not ISharedFrontier && pages > 0 && Interlocked.Read(ref _pairsYielded) == 0;
        var failed = contracts.Where(c => c.LooksBroken(_settings.ContractWarnAfter)).ToArray();
        return noPairs || failed.Length > 0 ? new FoundNothing(pages, noPairs, failed) : null;
    }

    /// <summary>Stops scheduling; in-flight requests get the grace period, then are abandoned.</summary>
    public void RequestStop(string reason)
    {
        if (Interlocked.CompareExchange(ref _finishReason, reason, null) is not null)
            return;
        if (reason == FinishReasons.Cancelled)
            _logger.LogWarning("Stopping: no new requests; up to {Grace} s for the {Active} in flight, then every sink is flushed and closed.", _settings.GracePeriod, Volatile.Read(ref _active));
        else
            _logger.LogInformation("Stopping ({Reason}).", reason);
        // A limit stops the pages, not the downloads of the pairs already accepted: those drain (each has its own timeout).
        _drainingMedia = _media.Count > 0 && reason is FinishReasons.MaxItems or FinishReasons.MaxRequests;
        _stopping.Cancel();
        if (!_drainingMedia)
            _abort.CancelAfter(TimeSpan.FromSeconds(_settings.GracePeriod));
        _signal.Pulse();
    }

    /// <summary>Stops at once: in-flight requests are abandoned (a second Ctrl+C).</summary>
    public void Abort()
    {
        RequestStop(FinishReasons.Cancelled);
        _drainingMedia = false;
        _abort.Cancel();
    }

    /// <summary>A required sink failed: nothing fetched from now on could be written, so in-flight requests are abandoned (and handed out again on resume).</summary>
    private void StopOnSinkFailure()
    {
        Fail(FinishReasons.SinkFailed, _pipeline.Failure?.Message ?? "a sink failed");
        _abort.Cancel();
    }

    /// <summary>The job directory could not be written: the crawl's state would drift from its output, so it stops at once.</summary>
    private void FailStorage(StorageWriteException ex)
    {
        _stats.Errors.Increment(FinishReasons.StateWriteFailed);
        Fail(FinishReasons.StateWriteFailed, ex.Message);
        _abort.Cancel();
    }

    private void Fail(string reason, string message)
    {
        _failure ??= message;
        Interlocked.CompareExchange(ref _finishReason, reason, null);
        if (reason != FinishReasons.NoResponses)
            RequestStop(reason);
    }

    private async Task SeedAsync()
    {
        var shared = _frontier as ISharedFrontier;
        var seeds = true;
        try
        {
            // Every worker of a shared crawl reads the start requests (they define the allowed sites); one schedules them.
            seeds = shared is null || await shared.TryClaimSeedingAsync(_stopping.Token).ConfigureAwait(false);
            await foreach (var request in _spider.StartRequestsAsync(_stopping.Token).ConfigureAwait(false))
            {
                _offsite.AddStartRequest(request.Url);
                if (seeds)
                    await ScheduleAsync(request).ConfigureAwait(false);
                if (_stopping.IsCancellationRequested)
                    break;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (StorageWriteException ex)
        {
            FailStorage(ex);
        }
        catch (CrawlStateUnavailableException ex)
        {
            StateUnavailable(ex);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "The start requests of spider {Spider} failed: {Message}", _spider.Name, ex.Message);
            _stats.Errors.Increment("start_requests");
            Fail(FinishReasons.StartRequestsFailed, $"the start requests of spider '{_spider.Name}' failed: {ex.Message}");
        }
        finally
        {
            try
            {
                if (seeds && shared is not null && !_stopping.IsCancellationRequested)
                    await shared.FinishSeedingAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (CrawlStateUnavailableException ex)
            {
                StateUnavailable(ex);
            }
            _seedingDone = true;
            _signal.Pulse();
        }
    }

    private async ValueTask<bool> IsDrainedAsync() => _frontier is ISharedFrontier shared
        ? await shared.IsDrainedAsync(CancellationToken.None).ConfigureAwait(false)
        : await _frontier.CountAsync(CancellationToken.None).ConfigureAwait(false) == 0;

    /// <summary>
    /// The shared state is gone for good: stop like a failed sink does. Requests in flight are not completed, so their
    /// leases go back to the queue; the pairs acknowledged so far are flushed when the pipeline closes.
    /// </summary>
    private void StateUnavailable(CrawlStateUnavailableException ex)
    {
        if (Interlocked.Exchange(ref _stateLost, 1) == 0)
            _logger.LogError("{Message}", ex.Message);
        Fail(FinishReasons.StateUnavailable, ex.Message);
    }

    private async Task WorkAsync()
    {
        try
        {
            await WorkLoopAsync().ConfigureAwait(false);
        }
        catch (CrawlStateUnavailableException ex)
        {
            StateUnavailable(ex);
        }
    }

    private async Task WorkLoopAsync()
    {
        var watch = new CounterWatch();
        _stats.Custom.WatchCurrentFlow(watch);
        while ((!_stopping.IsCancellationRequested || _drainingMedia) && !_idle.Task.IsCompleted)
        {
            Interlocked.Increment(ref _active);
            Request? request;
            try
            {
                request = await _frontier.DequeueAsync(_abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Decrement(ref _active);
                return;
            }
            catch (StorageWriteException ex)
            {
                Interlocked.Decrement(ref _active);
                FailStorage(ex);
                return;
            }
            if (request is null)
            {
                if (Interlocked.Decrement(ref _active) == 0 && _seedingDone)
                {
                    if (await IsDrainedAsync().ConfigureAwait(false))
                    {
                        if (_idle.TrySetResult())
                            _signals?.Idle();
                        _signal.Pulse();
                        return;
                    }
                    await SealMediaIfSettledAsync().ConfigureAwait(false);
                }
                try
                {
                    await _signal.WaitAsync(IdlePoll, _drainingMedia ? _abort.Token : _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            try
            {
                if (await ProcessAsync(request, watch).ConfigureAwait(false))
                    await _frontier.CompleteAsync(request, CancellationToken.None).ConfigureAwait(false);
            }
            catch (StorageWriteException ex)
            {
                FailStorage(ex);
            }
            catch (CrawlStateUnavailableException ex)
            {
                StateUnavailable(ex);
            }
            catch (Exception ex)
            {
                _stats.Errors.Increment("engine");
                _logger.LogError(ex, "Unexpected failure on {Url}", request.Url);
            }
            finally
            {
                Interlocked.Decrement(ref _active);
                _signal.Pulse();
            }
        }
    }

    /// <summary>The spider's reason to drop <paramref name="request"/> unfetched (<see cref="Spider.DropReasonAsync"/>); abandoned when the crawl is aborted meanwhile.</summary>
    private async ValueTask<string?> SpiderDropReasonAsync(Request request)
    {
        try
        {
            return await _spider.DropReasonAsync(request, _abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            return RequestDropReasons.Abandoned;
        }
    }

    /// <summary>
    /// Fetches and parses one request in a slot of its kind (<c>concurrency</c> for pages, <c>downloadConcurrency</c>
    /// for media); false when it was abandoned and should be handed out again on resume.
    /// </summary>
    private async Task<bool> ProcessAsync(Request request, CounterWatch watch)
    {
        var media = MediaRequests.IsMedia(request, out var handler);
        var slots = media ? _mediaSlots : _pageSlots;
        try
        {
            await slots.WaitAsync(_abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _stats.RequestsDropped.Increment(RequestDropReasons.Abandoned);
            return false;
        }
        try
        {
            return media
                ? await ProcessMediaAsync(request, handler).ConfigureAwait(false)
                : await ProcessPageAsync(request, watch).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<bool> ProcessPageAsync(Request request, CounterWatch watch)
    {
        // Draining the downloads after a limit: a page is left pending (a resumed job hands it out again).
        if (_stopping.IsCancellationRequested)
            return false;
        if (await SpiderDropReasonAsync(request).ConfigureAwait(false) is { } dropReason)
        {
            _stats.RequestsDropped.Increment(dropReason);
            _logger.LogDebug("Dropped ({Reason}) by the spider: {Url}", dropReason, request.Url);
            return dropReason != RequestDropReasons.Abandoned;
        }
        if (_settings.MaxRequests > 0 && Interlocked.Increment(ref _fetchesStarted) > _settings.MaxRequests)
        {
            _stats.RequestsDropped.Increment(RequestDropReasons.MaxRequests);
            RequestStop(FinishReasons.MaxRequests);
            return false;
        }

        Response response;
        try
        {
            _stopping.Token.ThrowIfCancellationRequested();
            response = await _fetcher.FetchAsync(request, _abort.Token).ConfigureAwait(false);
            _stats.RequestSent();
            // A 304 to a conditional GET is "unchanged since the last run", not a page that could have yielded pairs.
            if (!response.IsNotModified)
                Interlocked.Increment(ref _pagesFetched);
        }
        catch (RequestDroppedException ex)
        {
            _stats.RequestsDropped.Increment(ex.Reason);
            _logger.LogDebug("Dropped ({Reason}): {Message}", ex.Reason, ex.Message);
            return true;
        }
        catch (OperationCanceledException)
        {
            _stats.RequestsDropped.Increment(RequestDropReasons.Abandoned);
            return false;
        }
        catch (FetchException ex)
        {
            _stats.RequestSent();
            _stats.Errors.Increment(ex.Kind);
            _logger.LogWarning("{Kind}: {Message}", ex.Kind, ex.Message);
            _signals?.Error(request, ex.Kind, ex.Message);
            return await RecordFailureAsync(request, ex.Kind, ex.Message).ConfigureAwait(false);
        }

        _stats.ResponseReceived(response.Status, response.Body.Length);
        _signals?.Response(response);
        if (!response.IsSuccess && !request.HandleStatuses.Contains(response.Status) && !(request.Revalidate && response.IsNotModified))
        {
            _stats.Errors.Increment($"http_{response.Status}");
            _logger.LogDebug("HTTP {Status} for {Url}: not handed to the spider", response.Status, request.Url);
            return !RetryOptions.RetryableStatuses.Contains(response.Status)
                || await RecordFailureAsync(request, $"http_{response.Status}", $"HTTP {response.Status} after every retry").ConfigureAwait(false);
        }
        if (!response.IsTextual && !request.AcceptBinary)
        {
            _stats.Errors.Increment("binary_content");
            _logger.LogDebug("{Url} is {Type}, not text: not handed to the spider (set AcceptBinary on the request to get it)", response.Url, response.MediaType);
            return true;
        }
        if (!_callbacks.TryGet(request.Callback, out var callback, out var declared))
        {
            _stats.Errors.Increment("unknown_callback");
            lock (_reportedMissingCallbacks)
            {
                if (_reportedMissingCallbacks.Add(request.Callback))
                    _logger.LogError("Spider {Spider} has no callback named '{Callback}' (requested for {Url}). Its callbacks: {Callbacks}.", _spider.Name, request.Callback, request.Url, string.Join(", ", _callbacks.Names));
            }
            return true;
        }

        var acceptedPairs = false;
        var optOutChecked = false;
        string? optOut = null;
        var contract = _spider.ContractFor(request, declared);
        var watching = contract is { OrCounted.Count: > 0 };
        if (watching)
            watch.Begin(contract!.OrCounted);
        int requestsYielded = 0, pairsYielded = 0;
        try
        {
            await foreach (var output in callback(response, _abort.Token).ConfigureAwait(false))
            {
                switch (output)
                {
                    case Request next:
                        requestsYielded++;
                        await ScheduleAsync(next with { Depth = request.Depth + 1 }).ConfigureAwait(false);
                        break;
                    case AudioPair pair:
                        pairsYielded++;
                        if (!optOutChecked)
                        {
                            optOut = OptOut.Find(response, _settings.OptOutDirectives, _productToken);
                            optOutChecked = true;
                            if (optOut is not null)
                                _logger.LogInformation("{Url} opts out ({Directive}): its pairs are not kept", response.Url, optOut);
                        }
                        if (optOut is not null)
                        {
                            _stats.ItemsDropped.Increment(ItemDropReasons.OptOut);
                            break;
                        }
                        var item = pair with { Spider = pair.Spider ?? _spider.Name, Page = pair.Page ?? response.Url };
                        var result = await _pipeline.SubmitAsync(item, _abort.Token).ConfigureAwait(false);
                        acceptedPairs |= result != SubmitResult.Dropped;
                        if (result != SubmitResult.Dropped)
                        {
                            _stats.PairsByCallback.Increment(request.Callback);
                            _signals?.Item(item);
                        }
                        if (result == SubmitResult.LimitReached)
                            RequestStop(FinishReasons.MaxItems);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            _stats.RequestsDropped.Increment(RequestDropReasons.Abandoned);
            return false;
        }
        catch (SinkFailedException ex)
        {
            Fail(FinishReasons.SinkFailed, ex.Message);
            return false;
        }
        catch (StorageWriteException ex)
        {
            FailStorage(ex);
            return false;
        }
        catch (CrawlStateUnavailableException ex)
        {
            StateUnavailable(ex);
            return false;
        }
        catch (Exception ex)
        {
            var kind = ex is System.Text.Json.JsonException ? "parse_error" : "spider_exception";
            _stats.Errors.Increment(kind);
            _signals?.Error(request, kind, ex.Message);
            _logger.LogWarning("Callback {Callback} of spider {Spider} failed on {Url}: {Type}: {Message}", request.Callback, _spider.Name, response.Url, ex.GetType().Name, ex.Message);
        }
        finally
        {
            var counted = watching && watch.End();
            if (contract is not null && !_abort.IsCancellationRequested)
                _contracts.Record(contract, response.Url, contract.IsMetBy(requestsYielded, pairsYielded) ? PageVerdict.Met : counted ? PageVerdict.Excused : PageVerdict.Failed);
            if (pairsYielded > 0)
                Interlocked.Add(ref _pairsYielded, pairsYielded);
        }
        return !acceptedPairs || await PairsFlushedAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Hands a media request to its handler, which completes or fails it in the frontier once the sample's outcome is
    /// final (so this returns false: the engine does not complete it). Without its handler (a resumed job run without
    /// the download sink) it stays pending for a run that has one.
    /// </summary>
    private async Task<bool> ProcessMediaAsync(Request request, string name)
    {
        if (_stopping.IsCancellationRequested && !_drainingMedia)
            return false;
        if (!_media.TryGetValue(name, out var handler))
        {
            _stats.RequestsDropped.Increment(RequestDropReasons.NoMediaHandler);
            lock (_reportedMissingMedia)
            {
                if (_reportedMissingMedia.Add(name))
                    _logger.LogWarning("Audio downloads for '{Handler}' are pending (such as {Url}) but this run has no such download sink; they stay pending for a run that has it.", name, request.Url);
            }
            return false;
        }
        var shared = _frontier as ISharedFrontier;
        var context = new MediaRequestContext(
            request,
            new CountedFetcher(this),
            () => CompleteMediaAsync(request),
            async (reason, message) =>
            {
                _stats.Errors.Increment(reason);
                _signals?.Error(request, reason, message);
                await RecordFailureAsync(request, reason, message).ConfigureAwait(false);
                await CompleteMediaAsync(request).ConfigureAwait(false);
            },
            shared is null ? null : () => ParkMediaAsync(shared, request),
            shared is null ? null : () => GiveBackMediaAsync(shared, request));
        try
        {
            await handler.HandleAsync(context, _abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Abandoned (a stop, or the sink aborted): it stays pending in the frontier for the next run.
            _stats.RequestsDropped.Increment(RequestDropReasons.Abandoned);
        }
        catch (SinkFailedException ex)
        {
            Fail(FinishReasons.SinkFailed, ex.Message);
        }
        return false;
    }

    /// <summary>Ends a media request in the frontier for its sink; a lost shared state stops the crawl here, not in the sink.</summary>
    private async ValueTask CompleteMediaAsync(Request request)
    {
        try
        {
            await _frontier.CompleteAsync(request, CancellationToken.None).ConfigureAwait(false);
        }
        catch (CrawlStateUnavailableException ex)
        {
            StateUnavailable(ex);
        }
    }

    private async ValueTask<bool> ParkMediaAsync(ISharedFrontier shared, Request request)
    {
        try
        {
            return await shared.ParkAsync(request, CancellationToken.None).ConfigureAwait(false);
        }
        catch (CrawlStateUnavailableException ex)
        {
            StateUnavailable(ex);
            return true;
        }
    }

    private async ValueTask GiveBackMediaAsync(ISharedFrontier shared, Request request)
    {
        try
        {
            await shared.GiveBackAsync(request, CancellationToken.None).ConfigureAwait(false);
        }
        catch (CrawlStateUnavailableException ex)
        {
            StateUnavailable(ex);
        }
    }

    /// <summary>
    /// A shared crawl with nothing left but parked media requests (downloaded samples in open shards, here or on other
    /// workers): this worker closes its open shards, completing its parked requests, and then waits, like the others,
    /// for the crawl to drain, or for the requests of a worker that died with an open shard to come back to the queue.
    /// </summary>
    private async Task SealMediaIfSettledAsync()
    {
        if (_media.Count == 0 || _frontier is not ISharedFrontier shared || Interlocked.Exchange(ref _sealing, 1) == 1)
            return;
        try
        {
            if (!await shared.IsSettledAsync(CancellationToken.None).ConfigureAwait(false))
                return;
            foreach (var handler in _media.Values)
                await handler.SealAsync(_abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (SinkFailedException ex)
        {
            Fail(FinishReasons.SinkFailed, ex.Message);
        }
        finally
        {
            Volatile.Write(ref _sealing, 0);
        }
    }

    /// <summary>The fetch path of a media request, counted in the crawl's stats as a page fetch is.</summary>
    private sealed class CountedFetcher(CrawlEngine engine) : IFetcher
    {
        public async ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default)
        {
            Response response;
            try
            {
                response = await engine._fetcher.FetchAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (FetchException)
            {
                engine._stats.RequestSent();
                throw;
            }
            engine._stats.RequestSent();
            engine._stats.ResponseReceived(response.Status, response.BodyLength);
            engine._signals?.Response(response);
            return response;
        }
    }

    /// <summary>A request is done only once its pairs are in every sink, else a kill between the two would lose them.</summary>
    private async Task<bool> PairsFlushedAsync()
    {
        try
        {
            await _pipeline.WaitForFlushAsync(_abort.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SinkFailedException ex)
        {
            Fail(FinishReasons.SinkFailed, ex.Message);
            return false;
        }
    }

    /// <summary>False when failures.jsonl could not be written: the request then stays pending, to be fetched again on resume.</summary>
    private async ValueTask<bool> RecordFailureAsync(Request request, string reason, string message)
    {
        if (_failures is null)
            return true;
        try
        {
            await _failures.RecordAsync(request, reason, message, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (StorageWriteException ex)
        {
            _logger.LogError("Could not record the failure of {Url}: {Message}", request.Url, ex.Message);
            FailStorage(ex);
            return false;
        }
    }

    private async ValueTask ScheduleAsync(Request request)
    {
        var media = MediaRequests.IsMedia(request);
        if (!media && !_callbacks.TryGet(request.Callback, out _))
        {
            // A programming error, not a page problem: stop before the request (or any other) reaches a server.
            _stats.Errors.Increment(FinishReasons.UnknownCallback);
            Fail(FinishReasons.UnknownCallback, $"spider '{_spider.Name}' has no callback named '{request.Callback}' (asked for by the request for {request.Url}); its callbacks: {string.Join(", ", _callbacks.Names.Order(StringComparer.Ordinal))}.");
            return;
        }
        if (_settings.MaxDepth > 0 && request.Depth > _settings.MaxDepth)
        {
            _stats.RequestsDropped.Increment(RequestDropReasons.MaxDepth);
            return;
        }
        if (request.Url.Scheme != Uri.UriSchemeHttp && request.Url.Scheme != Uri.UriSchemeHttps)
        {
            _stats.RequestsDropped.Increment(RequestDropReasons.UnsupportedScheme);
            return;
        }
        if (!media && !_offsite.Allows(request.Url))
        {
            _stats.RequestsDropped.Increment(RequestDropReasons.Offsite);
            return;
        }
        if (!await _frontier.EnqueueAsync(request, CancellationToken.None).ConfigureAwait(false))
        {
            _stats.RequestsDropped.Increment(RequestDropReasons.Duplicate);
            return;
        }
        _signals?.RequestScheduled(request);
        _signal.Pulse();
    }
}
