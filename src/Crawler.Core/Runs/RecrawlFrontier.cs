using Crawler.Abstractions.Http;
using Crawler.Abstractions.Scheduling;
using Crawler.Core.Scheduling;

namespace Crawler.Core.Runs;

/// <summary>
/// The re-crawl policy in front of a run's frontier: a page an earlier run fetched is skipped unless it is older
/// than <see cref="SpiderSchedule.RecrawlAfter"/> (never, when that is null). A request that knows when its page
/// last changed (<see cref="Request.LastModified"/>, from a sitemap's lastmod) is judged by that instead: fetched
/// again when it changed after the last fetch, skipped when not, whatever the age. Start requests (depth 0) and
/// listings (<see cref="Request.IsListing"/>: sitemaps) always pass, so they are read again and new entries found, and so
/// do <see cref="Request.Revalidate"/> requests, which ask the server whether the page changed. Completed requests
/// record their fetch time and, through <paramref name="conditional"/>, their validators. Fetches at or after
/// <paramref name="forgetFetchesSince"/> do not count: they were made by an unfinished job that was rebuilt
/// (<c>--rebuild-job</c>), whose frontier held the links of those pages, so the pages are fetched again.
/// </summary>
public sealed class RecrawlFrontier(IFrontier inner, SpiderState state, TimeSpan? recrawlAfter, TimeProvider time, ConditionalGet? conditional = null, DateTimeOffset? forgetFetchesSince = null) : IFrontier
{
    /// <summary>Requests skipped because an earlier run fetched them recently enough, or after they last changed.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Of <see cref="Skipped"/>, those skipped because their LastModified is not after their last fetch.</summary>
    public long SkippedUnchanged => Interlocked.Read(ref _skippedUnchanged);

    private long _skipped;
    private long _skippedUnchanged;

    public async ValueTask<bool> EnqueueAsync(Request request, CancellationToken cancellationToken = default)
    {
        if (request.Depth > 0 && !request.IsListing && !request.DontFilter && !request.Revalidate
            && await state.LastFetchedAsync(RequestFingerprint.Of(request), cancellationToken).ConfigureAwait(false) is { } fetched
            && !(fetched >= forgetFetchesSince)
            && !IsDue(request, fetched))
        {
            Interlocked.Increment(ref _skipped);
            if (request.LastModified is not null)
                Interlocked.Increment(ref _skippedUnchanged);
            return false;
        }
        return await inner.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private bool IsDue(Request request, DateTimeOffset fetched) => request.LastModified is { } changed
        ? changed > fetched
        : recrawlAfter is { } age && time.GetUtcNow() - fetched >= age;

    public ValueTask<Request?> DequeueAsync(CancellationToken cancellationToken = default) => inner.DequeueAsync(cancellationToken);

    public async ValueTask CompleteAsync(Request request, CancellationToken cancellationToken = default)
    {
        await inner.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        await state.RecordFetchedAsync(RequestFingerprint.Of(request), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (conditional is not null)
            await conditional.CommitAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<long> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);

    /// <summary>The inner frontier belongs to the job directory, which disposes it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
