using Crawler.Abstractions.Http;
using Crawler.Abstractions.Scheduling;

namespace Crawler.Core.Scheduling;

/// <summary>
/// A frontier shared by many worker processes (Redis). Only one worker seeds the start requests, and a worker is
/// idle only when the whole cluster is: nothing pending, no request leased by any worker, seeding finished.
/// </summary>
public interface ISharedFrontier : IFrontier
{
    /// <summary>True for the one worker that should schedule the start requests; the others only join.</summary>
    ValueTask<bool> TryClaimSeedingAsync(CancellationToken cancellationToken = default);

    /// <summary>Tells the other workers that the start requests are all scheduled.</summary>
    ValueTask FinishSeedingAsync(CancellationToken cancellationToken = default);

    /// <summary>True when seeding is finished and no request is pending or leased anywhere in the cluster.</summary>
    ValueTask<bool> IsDrainedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps a dequeued request leased (renewed while this worker lives, handed to another worker if it dies) but no
    /// longer counted as work in progress: a media request whose sample is downloaded and waits in an open shard.
    /// False when this worker no longer holds the lease (it was silent past the lease timeout and lost it).
    /// </summary>
    ValueTask<bool> ParkAsync(Request request, CancellationToken cancellationToken = default);

    /// <summary>Puts a request this worker holds back at the front of the queue, for any worker (its result was thrown away).</summary>
    ValueTask GiveBackAsync(Request request, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when seeding is finished, nothing is pending and every leased request in the cluster is parked: the
    /// workers should close their open shards (which completes the parked requests) and then wait for the drain.
    /// </summary>
    ValueTask<bool> IsSettledAsync(CancellationToken cancellationToken = default);
}
