namespace AudioCrawl.FaultSuite.Checks;

/// <summary>The rows (and samples) of an uninterrupted run, which every scenario must end with.</summary>
public sealed record ReferenceOutput(IReadOnlyList<(string Url, string Text)> Pairs, IReadOnlyList<ShardSample>? Samples);
