namespace Delivery;

/// <summary>The outcome of <c>audiocrawl verify</c>: shards checked against the manifest, and every problem found.</summary>
public sealed record VerifyReport(string Source, int ShardsChecked, long Samples, long Bytes, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;
}
