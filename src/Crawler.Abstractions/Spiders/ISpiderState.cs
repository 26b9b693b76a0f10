namespace Crawler.Abstractions.Spiders;

/// <summary>
/// Values a spider keeps under keys for the whole crawl, not only this process: in memory by default, in the job
/// directory with <c>--job-dir</c> (a resumed job sees them again), in Redis for a shared crawl (every worker sees
/// one state). Values are stored as JSON; counters change atomically, also across workers. Reach it through
/// <see cref="SpiderContext.State"/> or a constructor parameter.
/// </summary>
public interface ISpiderState
{
    /// <summary>The value under <paramref name="key"/>, or the default of <typeparamref name="T"/> when there is none.</summary>
    ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> (last writer wins).</summary>
    ValueTask SetAsync<T>(string key, T value, CancellationToken cancellationToken = default);

    /// <summary>Adds <paramref name="by"/> to the counter under <paramref name="key"/> (0 when absent) and returns its new value, atomically.</summary>
    ValueTask<long> IncrementAsync(string key, long by = 1, CancellationToken cancellationToken = default);
}
