using System.Text.Json.Serialization;

namespace Crawler.Abstractions.Stats;

/// <summary>A host's latencies in milliseconds: how many, the mean, the bucket bounds holding the median and the 95th percentile, the maximum.</summary>
public sealed record LatencySummary(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("mean_ms")] double MeanMs,
    [property: JsonPropertyName("p50_ms")] double P50Ms,
    [property: JsonPropertyName("p95_ms")] double P95Ms,
    [property: JsonPropertyName("max_ms")] double MaxMs)
{
    public static LatencySummary Of(LatencyHistogram histogram) => new(
        histogram.Count,
        Milliseconds(histogram.MeanSeconds),
        Milliseconds(histogram.Quantile(0.5)),
        Milliseconds(histogram.Quantile(0.95)),
        Milliseconds(histogram.MaxSeconds));

    /// <summary>Two intervals' summaries as one: counts add, the mean is weighted, the percentiles and maximum are the larger (an upper bound).</summary>
    public LatencySummary Merge(LatencySummary other)
    {
        var count = Count + other.Count;
        var mean = count > 0 ? Math.Round(((MeanMs * Count) + (other.MeanMs * other.Count)) / count, 1) : 0;
        return new LatencySummary(count, mean, Math.Max(P50Ms, other.P50Ms), Math.Max(P95Ms, other.P95Ms), Math.Max(MaxMs, other.MaxMs));
    }

    private static double Milliseconds(double seconds) => Math.Round(seconds * 1000, 1);
}
