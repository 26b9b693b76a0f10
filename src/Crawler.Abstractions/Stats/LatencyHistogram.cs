namespace Crawler.Abstractions.Stats;

/// <summary>
/// One host's latencies: how many, their sum and maximum (seconds), and the count in each bucket of
/// <see cref="HostLatencies.BucketBounds"/> (not cumulative; one more bucket than bounds, for the rest).
/// </summary>
public sealed record LatencyHistogram(long Count, double SumSeconds, double MaxSeconds, IReadOnlyList<long> Buckets)
{
    public double MeanSeconds => Count > 0 ? SumSeconds / Count : 0;

    /// <summary>The upper bound of the bucket holding the <paramref name="quantile"/> (0..1); the maximum for the open bucket.</summary>
    public double Quantile(double quantile)
    {
        if (Count == 0)
            return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * Count));
        long seen = 0;
        for (var i = 0; i < Buckets.Count; i++)
        {
            seen += Buckets[i];
            if (seen >= rank)
                return i < HostLatencies.BucketBounds.Count ? Math.Min(HostLatencies.BucketBounds[i], MaxSeconds) : MaxSeconds;
        }
        return MaxSeconds;
    }

    /// <summary>What was recorded between <paramref name="earlier"/> and this (the maximum is this one's: the interval's is not kept).</summary>
    public LatencyHistogram Since(LatencyHistogram? earlier) => earlier is null
        ? this
        : new LatencyHistogram(Count - earlier.Count, SumSeconds - earlier.SumSeconds, MaxSeconds, [.. Buckets.Select((count, i) => count - (i < earlier.Buckets.Count ? earlier.Buckets[i] : 0))]);
}
