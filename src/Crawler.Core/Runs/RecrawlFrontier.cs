using AudioCrawl.Core.Http;
using AudioCrawl.Core.Scheduling;

namespace AudioCrawl.Core.Runs;

/// <summary>
/// The re-crawl policy in front of a run's frontier: a page an earlier run fetched is skipped unless it is older
/// than <see cref="SpiderSchedule.RecrawlAfter"/> (never, when that is null). Start requests (depth 0) always pass,
/// so listings are read again and new entries found, and so do <see cref="Request.Revalidate"/> requests, which ask the
/// server whether the page changed. Completed requests record their fetch time and, through
/// <paramref name="conditional"/>, their validators.
/// </summary>
public sealed class RecrawlFrontier(IFrontier inner, SpiderState state, TimeSpan? recrawlAfter, TimeProvider time, ConditionalGet? conditional = null) : IFrontier
{
    /// <summary>Requests skipped because an earlier run fetched them recently enough.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    private long _skipped;

    public async ValueTask<bool> EnqueueAsync(Request request, CancellationToken cancellationToken = default)
    {
        if (request.Depth > 0 && !request.DontFilter && !request.Revalidate
            && await state.LastFetchedAsync(RequestFingerprint.Of(request), cancellationToken).ConfigureAwait(false) is { } fetched
            && (recrawlAfter is not { } age || time.GetUtcNow() - fetched < age))
        {
            Interlocked.Increment(ref _skipped);
            return false;
        }
        return await inner.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
    }

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
