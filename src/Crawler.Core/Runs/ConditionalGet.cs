using System.Collections.Concurrent;
using Crawler.Abstractions.Http;
using Crawler.Core.Scheduling;

namespace Crawler.Core.Runs;

/// <summary>
/// Conditional GET for scheduled runs. A <see cref="Request.Revalidate"/> request goes out (through the fetcher
/// <see cref="Around"/> makes) with the validators an earlier run stored for it; the validators of its 2xx response
/// are held until the request completes (<see cref="CommitAsync"/>, called by <see cref="RecrawlFrontier"/>), so a run
/// killed before its pairs were flushed asks for the full page again next time instead of being told "not modified".
/// </summary>
public sealed class ConditionalGet(SpiderState state)
{
    private readonly ConcurrentDictionary<RequestFingerprint, PageValidators> _pending = new();

    /// <summary>Requests answered 304 Not Modified.</summary>
    public long NotModified => Interlocked.Read(ref _notModified);

    private long _notModified;

    /// <summary>A fetcher that sends <paramref name="inner"/> revalidating requests with their stored validators.</summary>
    public IFetcher Around(IFetcher inner) => new Fetcher(this, inner);

    /// <summary>Stores the validators of a completed request's response for the next run.</summary>
    public async ValueTask CommitAsync(Request request, CancellationToken cancellationToken = default)
    {
        if (!request.Revalidate)
            return;
        var fingerprint = RequestFingerprint.Of(request);
        if (_pending.TryRemove(fingerprint, out var validators))
            await state.RecordValidatorsAsync(fingerprint, validators, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Response> FetchAsync(IFetcher inner, Request request, CancellationToken cancellationToken)
    {
        if (!request.Revalidate)
            return await inner.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        var fingerprint = RequestFingerprint.Of(request);
        var stored = await state.ValidatorsAsync(fingerprint, cancellationToken).ConfigureAwait(false);
        var sent = stored is null ? request : request with { Headers = stored.AddTo(request.Headers) };
        var response = await inner.FetchAsync(sent, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess && PageValidators.Of(response) is { } validators)
            _pending[fingerprint] = validators;
        else if (response.IsNotModified)
            Interlocked.Increment(ref _notModified);
        return response;
    }

    private sealed class Fetcher(ConditionalGet owner, IFetcher inner) : IFetcher
    {
        public ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default) =>
            owner.FetchAsync(inner, request, cancellationToken);
    }
}
