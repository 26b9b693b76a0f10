using Crawler.Abstractions.Http;

namespace Crawler.Core.Media;

/// <summary>
/// One dequeued media request as the engine hands it to its handler: the crawl's fetch path (counted in the crawl's
/// stats), the ways to end the request in the frontier, and (in a shared crawl) to park it while its sample waits in
/// an open shard or give it back. Completing or failing twice is harmless.
/// </summary>
/// <param name="park">In a shared crawl: keeps the request leased without counting it as work in progress (see <see cref="ParkAsync"/>).</param>
/// <param name="giveBack">In a shared crawl: puts the request back in the queue for any worker (see <see cref="GiveBackAsync"/>).</param>
public sealed class MediaRequestContext(Request request, IFetcher fetcher, Func<ValueTask> complete, Func<string, string, ValueTask> fail, Func<ValueTask<bool>>? park = null, Func<ValueTask>? giveBack = null)
{
    private int _ended;

    public Request Request => request;

    /// <summary>
    /// The download is in hand and its sample waits to be packed (an open shard). In a shared crawl (Redis) the request
    /// stays leased, so another worker redoes it if this one dies before the shard is closed, but it no longer keeps
    /// the crawl from settling (then the handler is asked to close its shards: <see cref="IMediaRequestHandler.SealAsync"/>).
    /// False when this worker has lost the lease (silent past the lease timeout): another worker redoes the sample,
    /// so this one must drop it rather than pack it a second time. True (nothing to do) in a local crawl.
    /// </summary>
    public ValueTask<bool> ParkAsync() => park is not null && Volatile.Read(ref _ended) == 0 ? park() : ValueTask.FromResult(true);

    /// <summary>
    /// The sample was thrown away before it was durable (its shard was dropped): in a shared crawl the request goes back
    /// to the queue for any worker; in a local crawl it stays pending in the frontier for the next run. Ends the request here.
    /// </summary>
    public ValueTask GiveBackAsync() => Interlocked.Exchange(ref _ended, 1) == 0 && giveBack is not null ? giveBack() : ValueTask.CompletedTask;

    /// <summary>The crawl's fetch pipeline; requests and responses through it count in the crawl's stats.</summary>
    public IFetcher Fetcher => fetcher;

    /// <summary>The request is done: a resumed job does not hand it out again.</summary>
    public ValueTask CompleteAsync() => Interlocked.Exchange(ref _ended, 1) == 0 ? complete() : ValueTask.CompletedTask;

    /// <summary>The request failed for good: counted as an error, recorded for <c>--retry-failed</c>, and done.</summary>
    public ValueTask FailAsync(string reason, string message) => Interlocked.Exchange(ref _ended, 1) == 0 ? fail(reason, message) : ValueTask.CompletedTask;

    /// <summary>
    /// One context for each of <paramref name="count"/> handlers that share this request (one download, several sinks):
    /// the request ends once every one of them ended its own, failed (with the first failure) if any of them failed. It
    /// is parked once each of them parked or ended, and given back (for every sink: one download feeds them all) as soon
    /// as any of them gives it back.
    /// </summary>
    public IReadOnlyList<MediaRequestContext> Split(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var left = count;
        var unparked = count;
        var parked = new bool[count];
        (string Reason, string Message)? failure = null;
        var gate = new Lock();
        bool Settle(int index)
        {
            if (parked[index])
                return false;
            parked[index] = true;
            return --unparked == 0;
        }
        ValueTask EndOne(int index, (string Reason, string Message)? failed)
        {
            bool last, allParked;
            lock (gate)
            {
                failure ??= failed;
                last = --left == 0;
                allParked = Settle(index);
            }
            if (last)
                return failure is { } first ? FailAsync(first.Reason, first.Message) : CompleteAsync();
            return allParked ? ParkRest() : ValueTask.CompletedTask;
        }
        async ValueTask ParkRest() => await ParkAsync();
        async ValueTask<bool> ParkOne(int index)
        {
            bool allParked;
            lock (gate)
                allParked = Settle(index);
            return !allParked || await ParkAsync();
        }
        return [.. Enumerable.Range(0, count).Select(index => new MediaRequestContext(
            request, fetcher, () => EndOne(index, null), (reason, message) => EndOne(index, (reason, message)), () => ParkOne(index), GiveBackAsync))];
    }
}
