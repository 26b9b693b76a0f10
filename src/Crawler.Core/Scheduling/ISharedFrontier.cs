namespace AudioCrawl.Core.Scheduling;

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
}
