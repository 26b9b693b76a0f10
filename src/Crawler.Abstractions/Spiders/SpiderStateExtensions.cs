namespace Crawler.Abstractions.Spiders;

public static class SpiderStateExtensions
{
    /// <summary>
    /// Takes one of <paramref name="limit"/> places counted under <paramref name="key"/>: true when one was free. However
    /// many callers (threads, resumed runs, workers) race, at most <paramref name="limit"/> of them ever get true.
    /// </summary>
    public static async ValueTask<bool> TryTakeAsync(this ISpiderState state, string key, long limit, CancellationToken cancellationToken = default)
    {
        if (await state.IncrementAsync(key, 1, cancellationToken).ConfigureAwait(false) <= limit)
            return true;
        await state.IncrementAsync(key, -1, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>Gives back a place <see cref="TryTakeAsync"/> took (its holder did not use it).</summary>
    public static async ValueTask ReturnAsync(this ISpiderState state, string key, CancellationToken cancellationToken = default) =>
        await state.IncrementAsync(key, -1, cancellationToken).ConfigureAwait(false);
}
