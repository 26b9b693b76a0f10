namespace Sinks.WebDataset;

/// <summary>How shards are laid out.</summary>
public sealed record WebDatasetOptions
{
    /// <summary>Samples per shard. Default 512.</summary>
    public int SamplesPerShard { get; init; } = 512;

    /// <summary>Put before the five-digit shard index (<c>{prefix}{index:D5}.tar</c>). Default empty.</summary>
    public string ShardPrefix { get; init; } = "";

    /// <summary>Split samples by a hash of their key into <c>train/</c> and <c>test/</c>. Default false (one folder).</summary>
    public bool Split { get; init; }

    /// <summary>The share of samples in <c>train/</c> when splitting, in percent. Default 90.</summary>
    public int TrainPercent { get; init; } = 90;

    public IEnumerable<string> Validate()
    {
        if (SamplesPerShard < 1)
            yield return $"samples per shard must be at least 1, not {SamplesPerShard}.";
        if (TrainPercent is < 0 or > 100)
            yield return $"the train percentage must be within 0..100, not {TrainPercent}.";
        if (ShardPrefix.IndexOfAny(['/', '\\', '.']) >= 0)
            yield return $"the shard prefix '{ShardPrefix}' may not hold dots or path separators.";
    }
}
