using System.Text.Json.Serialization;
using Crawler.Abstractions.Stats;

namespace Crawler.Core.Metrics;

/// <summary>
/// One line of a crawl's time series (<c>timeline.jsonl</c>, see docs/metrics.md): the crawl's counters at
/// <see cref="At"/>, as totals since the crawl started (the same values <c>--stats</c> shows), so a rate is the
/// difference of two points over their <see cref="ElapsedSeconds"/>; and each host's latency during the interval
/// that ends here. The last point of a finished crawl has <see cref="FinishReason"/> set.
/// </summary>
public sealed record TimelinePoint
{
    [JsonPropertyName("t")]
    public DateTimeOffset At { get; init; }

    /// <summary>Seconds since the crawl started.</summary>
    [JsonPropertyName("elapsed_s")]
    public double ElapsedSeconds { get; init; }

    /// <summary>Seconds this point covers (since the point before it; more after downsampling).</summary>
    [JsonPropertyName("interval_s")]
    public double IntervalSeconds { get; init; }

    [JsonPropertyName("requests")]
    public long Requests { get; init; }

    [JsonPropertyName("responses")]
    public long Responses { get; init; }

    /// <summary>Responses by status class: <c>2xx</c>, <c>3xx</c>, <c>4xx</c>, <c>5xx</c> (and <c>other</c>).</summary>
    [JsonPropertyName("status")]
    public IReadOnlyDictionary<string, long> ResponsesByClass { get; init; } = new Dictionary<string, long>();

    [JsonPropertyName("bytes")]
    public long Bytes { get; init; }

    [JsonPropertyName("items")]
    public long Items { get; init; }

    [JsonPropertyName("items_dropped")]
    public long ItemsDropped { get; init; }

    [JsonPropertyName("requests_dropped")]
    public long RequestsDropped { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Requests waiting in the frontier.</summary>
    [JsonPropertyName("queued")]
    public long Queued { get; init; }

    /// <summary>Each host's latency during this interval only (hosts that answered nothing in it are left out).</summary>
    [JsonPropertyName("latency")]
    public IReadOnlyDictionary<string, LatencySummary> LatencyByHost { get; init; } = new Dictionary<string, LatencySummary>();

    /// <summary>Samples downloaded and packed (<see cref="MediaCounters.Downloaded"/>).</summary>
    [JsonPropertyName("downloads")]
    public long Downloads { get; init; }

    [JsonPropertyName("downloads_failed")]
    public long DownloadsFailed { get; init; }

    [JsonPropertyName("transcodes")]
    public long Transcodes { get; init; }

    [JsonPropertyName("shards")]
    public long Shards { get; init; }

    /// <summary>Set on the last point of a finished crawl.</summary>
    [JsonPropertyName("finish_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FinishReason { get; init; }

    public long Errors => ErrorsByKind.Values.Sum();

    /// <summary>The point a crawl's stats make at one moment; <paramref name="previousLatency"/> is the latency snapshot of the point before.</summary>
    public static TimelinePoint Of(CrawlStatsSnapshot stats, DateTimeOffset at, double intervalSeconds, IReadOnlyDictionary<string, LatencyHistogram> latency, IReadOnlyDictionary<string, LatencyHistogram> previousLatency) => new()
    {
        At = at,
        ElapsedSeconds = Math.Round(stats.ElapsedSeconds, 3),
        IntervalSeconds = Math.Round(intervalSeconds, 3),
        Requests = stats.Requests,
        Responses = stats.Responses,
        ResponsesByClass = StatusClasses(stats.ResponsesByStatus),
        Bytes = stats.BytesReceived,
        Items = stats.Items,
        ItemsDropped = stats.ItemsDroppedByReason.Values.Sum(),
        RequestsDropped = stats.RequestsDroppedByReason.Values.Sum(),
        ErrorsByKind = stats.ErrorsByKind,
        Queued = stats.Queued,
        LatencyByHost = IntervalLatency(latency, previousLatency),
        Downloads = stats.Counters.GetValueOrDefault(MediaCounters.Downloaded),
        DownloadsFailed = stats.Counters.GetValueOrDefault(MediaCounters.DownloadFailed),
        Transcodes = stats.Counters.GetValueOrDefault(MediaCounters.Transcoded),
        Shards = stats.Counters.GetValueOrDefault(MediaCounters.Shards),
        FinishReason = stats.FinishReason,
    };

    /// <summary>"200" → "2xx"; anything that is not a status code in 100..599 → "other".</summary>
    public static string StatusClass(string status) =>
        int.TryParse(status, System.Globalization.CultureInfo.InvariantCulture, out var code) && code is >= 100 and < 600 ? $"{code / 100}xx" : "other";

    private static SortedDictionary<string, long> StatusClasses(IReadOnlyDictionary<string, long> byStatus)
    {
        var classes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (status, count) in byStatus)
            classes[StatusClass(status)] = classes.GetValueOrDefault(StatusClass(status)) + count;
        return classes;
    }

    private static SortedDictionary<string, LatencySummary> IntervalLatency(IReadOnlyDictionary<string, LatencyHistogram> now, IReadOnlyDictionary<string, LatencyHistogram> before)
    {
        var summaries = new SortedDictionary<string, LatencySummary>(StringComparer.OrdinalIgnoreCase);
        foreach (var (host, histogram) in now)
        {
            var interval = histogram.Since(before.GetValueOrDefault(host));
            if (interval.Count > 0)
                summaries[host] = LatencySummary.Of(interval);
        }
        return summaries;
    }
}
