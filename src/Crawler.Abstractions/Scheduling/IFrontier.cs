using Crawler.Abstractions.Http;

namespace Crawler.Abstractions.Scheduling;

/// <summary>
/// Pending requests plus the fingerprints already seen. Implementations: in memory, SQLite in a job
/// directory, Redis. Every implementation passes the same contract test suite.
/// </summary>
public interface IFrontier : IAsyncDisposable
{
    /// <summary>Schedules a request; false when its fingerprint was seen before (unless DontFilter).</summary>
    ValueTask<bool> EnqueueAsync(Request request, CancellationToken cancellationToken = default);

    /// <summary>The highest-priority pending request (first scheduled first among equals), or null when none is pending.</summary>
    ValueTask<Request?> DequeueAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks a dequeued request as done, so a resumed or shared crawl does not hand it out again.</summary>
    ValueTask CompleteAsync(Request request, CancellationToken cancellationToken = default);

    /// <summary>Requests pending (not yet dequeued).</summary>
    ValueTask<long> CountAsync(CancellationToken cancellationToken = default);
}
