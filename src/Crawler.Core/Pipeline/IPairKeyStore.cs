namespace Crawler.Core.Pipeline;

/// <summary>The pair keys already emitted; in memory by default, persisted in a job directory for resume.</summary>
public interface IPairKeyStore
{
    /// <summary>Claims a key; false when it was claimed before.</summary>
    ValueTask<bool> TryAddAsync(PairKey key, CancellationToken cancellationToken = default);
}
