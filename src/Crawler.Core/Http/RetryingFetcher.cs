using Crawler.Abstractions.Http;
using Crawler.Core.Politeness;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;

namespace Crawler.Core.Http;

/// <summary>
/// A fetch stage with one Polly pipeline per host: retries of network errors, timeouts and the retryable statuses
/// with exponential backoff and jitter (or the server's Retry-After), inside a circuit breaker that pauses a host
/// failing again and again. The last attempt's response (a 503, say) is returned as it is; the last attempt's
/// exception is thrown. Each stage below (the host slot) is entered once per attempt.
/// </summary>
public sealed class RetryingFetcher : IFetcher, IAsyncDisposable
{
    public const string CircuitOpenKind = "circuit_open";

    private readonly IFetcher _inner;
    private readonly RetryOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<Request, string, TimeSpan>? _onRetry;
    private readonly ResiliencePipelineRegistry<string> _pipelines = new();

    /// <param name="onRetry">Called before each retry with the request, the reason (http_503, timeout, ...) and the wait.</param>
    public RetryingFetcher(IFetcher inner, RetryOptions options, TimeProvider time, Action<Request, string, TimeSpan>? onRetry = null)
    {
        _inner = inner;
        _options = options;
        _time = time;
        _onRetry = onRetry;
    }

    private static readonly ResiliencePropertyKey<Request> RequestKey = new("audiocrawl.request");

    public async ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default)
    {
        var pipeline = _pipelines.GetOrAddPipeline<Response>(HostSlots.KeyOf(request.Url), Configure);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.FetchAsync(ctx.Properties.GetValue(RequestKey, null!), ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ctx.CancellationToken.IsCancellationRequested)
                    {
                        return Outcome.FromException<Response>(ex);
                    }
                },
                context,
                _inner).ConfigureAwait(false);
            if (outcome.Exception is BrokenCircuitException broken)
                throw new FetchException(CircuitOpenKind, request.Url, $"the host failed again and again and is paused ({broken.Message}).", broken);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public ValueTask DisposeAsync() => _pipelines.DisposeAsync();

    private static string? ReasonOf(Outcome<Response> outcome) => outcome switch
    {
        { Exception: FetchException ex } when RetryOptions.RetryableKinds.Contains(ex.Kind) => ex.Kind,
        { Exception: BrokenCircuitException } => CircuitOpenKind,
        { Result: { } response } when RetryOptions.RetryableStatuses.Contains(response.Status) => $"http_{response.Status}",
        _ => null,
    };

    private void Configure(ResiliencePipelineBuilder<Response> builder)
    {
        builder.TimeProvider = _time;
        if (_options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Response>
            {
                MaxRetryAttempts = _options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.Delay,
                MaxDelay = _options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ReasonOf(args.Outcome) is not null),
                DelayGenerator = args => ValueTask.FromResult(ServerAskedDelay(args.Outcome)),
                OnRetry = args =>
                {
                    if (_onRetry is not null && args.Context.Properties.TryGetValue(RequestKey, out var request))
                        _onRetry(request, ReasonOf(args.Outcome) ?? "unknown", args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }
        if (_options.BreakDuration > TimeSpan.Zero)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<Response>
            {
                FailureRatio = 0.8,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = _options.BreakDuration,
                // A 429 is the host asking us to slow down, not the host failing.
                ShouldHandle = args => ValueTask.FromResult(ReasonOf(args.Outcome) is { } reason && reason != "http_429" && reason != CircuitOpenKind),
            });
        }
    }

    /// <summary>Retry-After of a 429/503, or the remaining pause of an open circuit; null for the exponential backoff.</summary>
    private TimeSpan? ServerAskedDelay(Outcome<Response> outcome)
    {
        var asked = outcome switch
        {
            { Result: { } response } => RetryAfter.Of(response, _time),
            { Exception: BrokenCircuitException { RetryAfter: { } after } } => after,
            _ => null,
        };
        return asked is { } delay && delay > _options.MaxDelay ? _options.MaxDelay : asked;
    }
}
