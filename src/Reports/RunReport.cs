using Crawler.Abstractions.Stats;
using Crawler.Core.Engine;
using Crawler.Core.Metrics;
using Sinks.WebDataset;

namespace Reports;

/// <summary>
/// What a report shows, read from a run's own records (<see cref="RunReportReader"/>): the <c>--stats</c> figures
/// (or, for a job directory, the last point of its time series, which is the same snapshot), the time series, the
/// failures, and for downloads the samples' status and the shards' stats.
/// </summary>
public sealed record RunReport
{
    /// <summary>The file or directory the report was made from.</summary>
    public string Source { get; init; } = "";

    public string? Spider { get; init; }

    public string? Outcome { get; init; }

    public string? FinishReason { get; init; }

    public DateTimeOffset? StartedAtUtc { get; init; }

    public double ElapsedSeconds { get; init; }

    public long Requests { get; init; }

    public long Responses { get; init; }

    public long Items { get; init; }

    public long BytesReceived { get; init; }

    public long Queued { get; init; }

    public long Errors => ErrorsByKind.Values.Sum();

    public double PagesPerSecond => ElapsedSeconds > 0 ? Math.Round(Responses / ElapsedSeconds, 2) : 0;

    /// <summary>By status code from a stats file, by status class (2xx, ...) from a time series.</summary>
    public IReadOnlyDictionary<string, long> ResponsesByStatus { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, long> ItemsDroppedByReason { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, long> RequestsDroppedByReason { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, long> PairsByCallback { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, LatencySummary> LatencyByHost { get; init; } = new Dictionary<string, LatencySummary>();

    public IReadOnlyList<ContractReport> Contracts { get; init; } = [];

    public IReadOnlyList<TimelinePoint> Timeline { get; init; } = [];

    /// <summary>Requests that failed for good (failures.jsonl), by reason.</summary>
    public IReadOnlyDictionary<string, long> FailuresByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>The audio downloads, when the report was given their folder (or the job directory holds their status).</summary>
    public DownloadFigures? Downloads { get; init; }

    public IReadOnlyList<ShardStats> Shards { get; init; } = [];

    /// <summary>Damaged lines of the run's records that the report left out (one message each).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
