namespace Sinks.WebDataset;

/// <summary>What <see cref="FilesFolderPacker"/> did.</summary>
public sealed record PackSummary
{
    /// <summary>Samples packed by this run.</summary>
    public long Packed { get; init; }

    /// <summary>Samples found already packed in the output's shards (by an earlier, interrupted run) and skipped.</summary>
    public long AlreadyPacked { get; init; }

    /// <summary>Bytes read from the input folder (audio and JSON files) for the samples packed by this run.</summary>
    public long BytesRead { get; init; }

    public double ElapsedSeconds { get; init; }

    public bool Cancelled { get; init; }

    public string Output { get; init; } = "";

    /// <summary>The samples skipped as bad, each with its number in key order, its file and the reason.</summary>
    public IReadOnlyList<string> BadSamples { get; init; } = [];
}
