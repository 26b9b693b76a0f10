namespace Sinks.Download;

/// <summary>
/// Where samples are packed (WebDataset shards, or loose files). A sample is committed once it can no longer be
/// lost; the writer reports committed samples through the callback given to <see cref="OpenAsync"/>.
/// </summary>
public interface ISampleWriter : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Prepares the output, cleans up what a killed run left, and returns the keys already packed.</summary>
    Task<IReadOnlySet<string>> OpenAsync(Func<IReadOnlyList<SampleStatus>, ValueTask> committed, CancellationToken cancellationToken = default);

    /// <summary>Packs one sample (called from one task at a time).</summary>
    ValueTask WriteAsync(EncodedSample sample, CancellationToken cancellationToken = default);

    /// <summary>Notes a row that failed, for per-shard statistics (called from any task).</summary>
    void NoteFailure(SampleStatus status);

    /// <summary>
    /// Asks <paramref name="mayCommit"/> before committing a group of samples (a shard, before it is renamed): when it
    /// answers false the group is dropped instead, never committed. A writer that commits each sample as it is written
    /// (loose files) ignores it.
    /// </summary>
    void GuardCommits(Func<IReadOnlyList<SampleStatus>, ValueTask<bool>> mayCommit)
    {
    }

    /// <summary>Commits what is pending (the last, partial shard). Disposing without completing also commits.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken = default);
}
