using AudioCrawl.Core.Http;

namespace AudioCrawl.Core.Media;

/// <summary>
/// One dequeued media request as the engine hands it to its handler: the crawl's fetch path (counted in the crawl's
/// stats) and the two ways to end the request in the frontier. Completing or failing twice is harmless.
/// </summary>
public sealed class MediaRequestContext(Request request, IFetcher fetcher, Func<ValueTask> complete, Func<string, string, ValueTask> fail)
{
    private int _ended;

    public Request Request => request;

    /// <summary>
    /// True in a shared crawl (Redis): a request held until its sample is packed would keep every worker from ever
    /// seeing the crawl drained, so the handler completes it as soon as it has the download in hand.
    /// </summary>
    public bool CompleteWhenFetched { get; init; }

    /// <summary>The crawl's fetch pipeline; requests and responses through it count in the crawl's stats.</summary>
    public IFetcher Fetcher => fetcher;

    /// <summary>The request is done: a resumed job does not hand it out again.</summary>
    public ValueTask CompleteAsync() => Interlocked.Exchange(ref _ended, 1) == 0 ? complete() : ValueTask.CompletedTask;

    /// <summary>The request failed for good: counted as an error, recorded for <c>--retry-failed</c>, and done.</summary>
    public ValueTask FailAsync(string reason, string message) => Interlocked.Exchange(ref _ended, 1) == 0 ? fail(reason, message) : ValueTask.CompletedTask;

    /// <summary>
    /// One context for each of <paramref name="count"/> handlers that share this request (one download, several sinks):
    /// the request ends once every one of them ended its own, failed (with the first failure) if any of them failed.
    /// </summary>
    public IReadOnlyList<MediaRequestContext> Split(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var left = count;
        (string Reason, string Message)? failure = null;
        var gate = new Lock();
        ValueTask EndOne((string Reason, string Message)? failed)
        {
            bool last;
            lock (gate)
            {
                failure ??= failed;
                last = --left == 0;
            }
            return !last ? ValueTask.CompletedTask : failure is { } first ? FailAsync(first.Reason, first.Message) : CompleteAsync();
        }
        return [.. Enumerable.Range(0, count).Select(_ => new MediaRequestContext(request, fetcher, () => EndOne(null), (reason, message) => EndOne((reason, message))) { CompleteWhenFetched = CompleteWhenFetched })];
    }
}
