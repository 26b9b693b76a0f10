using Crawler.Abstractions.Http;
using Crawler.Abstractions.Scheduling;

namespace Crawler.Core.Scheduling;

/// <summary>The default frontier: a priority queue and a fingerprint set in this process's memory.</summary>
public sealed class InMemoryFrontier : IFrontier
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<Request, (int NegatedPriority, long Sequence)> _pending = new();
    private readonly HashSet<RequestFingerprint> _seen = [];
    private long _sequence;

    public ValueTask<bool> EnqueueAsync(Request request, CancellationToken cancellationToken = default)
    {
        var fingerprint = RequestFingerprint.Of(request);
        lock (_gate)
        {
            if (!_seen.Add(fingerprint) && !request.DontFilter)
                return ValueTask.FromResult(false);
            _pending.Enqueue(request, (-request.Priority, _sequence++));
        }
        return ValueTask.FromResult(true);
    }

    public ValueTask<Request?> DequeueAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return ValueTask.FromResult(_pending.TryDequeue(out var request, out _) ? request : null);
    }

    public ValueTask CompleteAsync(Request request, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<long> CountAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return ValueTask.FromResult((long)_pending.Count);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
