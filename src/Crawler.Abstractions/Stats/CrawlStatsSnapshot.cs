namespace Crawler.Abstractions.Stats;

/// <summary>The stats of a crawl at one moment, as printed and as written to --stats.</summary>
public sealed record CrawlStatsSnapshot(
    DateTimeOffset StartedAtUtc,
    double ElapsedSeconds,
    long Requests,
    long Responses,
    IReadOnlyDictionary<string, long> ResponsesByStatus,
    long Items,
    IReadOnlyDictionary<string, long> ItemsDroppedByReason,
    IReadOnlyDictionary<string, long> RequestsDroppedByReason,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    IReadOnlyDictionary<string, long> Counters,
    long BytesReceived,
    double PagesPerSecond,
    long Queued,
    string? FinishReason,
    IReadOnlyDictionary<string, LatencySummary>? LatencyByHost = null,
    IReadOnlyDictionary<string, long>? PairsByCallback = null);
