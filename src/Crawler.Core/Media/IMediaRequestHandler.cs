namespace Crawler.Core.Media;

/// <summary>
/// Handles the media requests (<see cref="MediaRequests"/>) the engine dequeues for it: fetches them through the
/// context's fetcher (or resolves them another way) and completes or fails each one once its outcome is final, which
/// may be after <see cref="HandleAsync"/> returns (a sample is done once it is packed). A request neither completed
/// nor failed when the process ends is handed out again by a resumed job.
/// </summary>
public interface IMediaRequestHandler
{
    /// <summary>The name the callbacks of its requests carry (see <see cref="MediaRequests.For"/>).</summary>
    string MediaHandlerName { get; }

    ValueTask HandleAsync(MediaRequestContext context, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes every sample handed over so far durable (closes the open shard), which completes their requests. The
    /// engine of a shared crawl calls it when the cluster has nothing left but parked requests
    /// (<see cref="MediaRequestContext.ParkAsync"/>); the handler goes on taking requests afterwards.
    /// </summary>
    ValueTask SealAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
