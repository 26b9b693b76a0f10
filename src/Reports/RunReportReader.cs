using System.Text.Json;
using Crawler.Abstractions.Stats;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Metrics;
using Crawler.Core.Storage;
using Sinks.Download;
using Sinks.WebDataset;

namespace Reports;

/// <summary>
/// Reads a run's records into a <see cref="RunReport"/>: a <c>--stats</c> file (and the time series beside it), or a
/// job directory (its timeline.jsonl and failures.jsonl); with an audio folder, its status table and shard stats.
/// </summary>
public static class RunReportReader
{
    private static readonly JsonSerializerOptions StatsJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true };

    /// <param name="source">A stats JSON file (<c>crawl --stats</c>) or a job directory (<c>--job-dir</c>).</param>
    /// <param name="audioFolder">Where the run's audio went (<c>--webdataset</c>/<c>--audio-dir</c>/<c>download -o</c>), or null.</param>
    public static async Task<RunReport> ReadAsync(string source, string? audioFolder = null, CancellationToken cancellationToken = default)
    {
        RunReport report;
        string? statusFolder;
        if (Directory.Exists(source))
        {
            report = await FromJobDirectoryAsync(source, cancellationToken).ConfigureAwait(false);
            statusFolder = audioFolder ?? source;
        }
        else if (File.Exists(source))
        {
            report = await FromStatsFileAsync(source, cancellationToken).ConfigureAwait(false);
            statusFolder = audioFolder;
        }
        else
        {
            throw new ConfigurationException($"{source}: no such stats file or job directory.");
        }
        if (audioFolder is not null && !Directory.Exists(audioFolder))
            throw new ConfigurationException($"--audio {audioFolder}: no such folder.");
        if (statusFolder is null)
            return report;
        return report with
        {
            Downloads = await ReadDownloadsAsync(statusFolder, cancellationToken).ConfigureAwait(false),
            Shards = await ReadShardsAsync(statusFolder, cancellationToken).ConfigureAwait(false),
        };
    }

    private static async Task<RunReport> FromStatsFileAsync(string path, CancellationToken cancellationToken)
    {
        StatsDocument document;
        try
        {
            await using var stream = File.OpenRead(path);
            document = await JsonSerializer.DeserializeAsync<StatsDocument>(stream, StatsJson, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{path}: not a stats file written by 'audiocrawl crawl --stats' ({ex.Message}).");
        }
        if (document.Stats is not { } stats)
            throw new ConfigurationException($"{path}: has no \"stats\" object; is it a stats file written by 'audiocrawl crawl --stats'?");
        var timelinePath = TimelineFile.Beside(path);
        var timelineLines = File.Exists(timelinePath) ? await TimelineFile.ReadLinesAsync(timelinePath, cancellationToken).ConfigureAwait(false) : null;
        var timeline = timelineLines?.Records ?? [];
        return new RunReport
        {
            Source = path,
            Spider = document.Spider,
            Outcome = document.Outcome,
            FinishReason = document.FinishReason ?? stats.FinishReason,
            StartedAtUtc = stats.StartedAtUtc,
            ElapsedSeconds = stats.ElapsedSeconds,
            Requests = stats.Requests,
            Responses = stats.Responses,
            Items = stats.Items,
            BytesReceived = stats.BytesReceived,
            Queued = stats.Queued,
            ResponsesByStatus = stats.ResponsesByStatus,
            ErrorsByKind = stats.ErrorsByKind,
            ItemsDroppedByReason = stats.ItemsDroppedByReason,
            RequestsDroppedByReason = stats.RequestsDroppedByReason,
            PairsByCallback = stats.PairsByCallback ?? new Dictionary<string, long>(),
            LatencyByHost = stats.LatencyByHost ?? ReportFigures.Latency(timeline),
            Contracts = document.Contracts ?? [],
            Timeline = timeline,
            Warnings = timelineLines is null ? [] : Skipped(timelinePath, timelineLines, "a time series point"),
        };
    }

    private static async Task<RunReport> FromJobDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        var timelinePath = Path.Combine(directory, TimelineFile.FileName);
        if (!File.Exists(timelinePath))
            throw new ConfigurationException($"{directory}: holds no {TimelineFile.FileName}; is it the --job-dir of a crawl (run with this version)?");
        var timelineLines = await TimelineFile.ReadLinesAsync(timelinePath, cancellationToken).ConfigureAwait(false);
        var timeline = timelineLines.Records;
        if (timeline.Count == 0)
            throw new ConfigurationException($"{timelinePath}: holds no points yet.");
        var last = timeline[^1];
        var runStart = LastRunStart(timeline);
        var failuresPath = Path.Combine(directory, FailureLog.FileName);
        // A report only counts the failures: a damaged line is left out with a warning (a resume refuses it).
        var failureLines = File.Exists(failuresPath) ? await JsonLinesFile.ReadAsync<FailureRecord>(failuresPath, cancellationToken: cancellationToken).ConfigureAwait(false) : null;
        var failures = failureLines?.Records ?? [];
        var spider = await ReadSpiderAsync(directory, cancellationToken).ConfigureAwait(false);
        return new RunReport
        {
            Source = directory,
            Spider = spider,
            FinishReason = last.FinishReason,
            Outcome = last.FinishReason is null ? "unfinished" : null,
            StartedAtUtc = last.At.AddSeconds(-last.ElapsedSeconds),
            ElapsedSeconds = last.ElapsedSeconds,
            Requests = last.Requests,
            Responses = last.Responses,
            Items = last.Items,
            BytesReceived = last.Bytes,
            Queued = last.Queued,
            ResponsesByStatus = last.ResponsesByClass,
            ErrorsByKind = last.ErrorsByKind,
            LatencyByHost = ReportFigures.Latency([.. timeline.Skip(runStart)]),
            Timeline = timeline,
            FailuresByReason = new SortedDictionary<string, long>(failures.GroupBy(f => f.Reason).ToDictionary(g => g.Key, g => (long)g.Count()), StringComparer.Ordinal),
            Warnings = [.. Skipped(timelinePath, timelineLines, "a time series point"), .. failureLines is null ? [] : Skipped(failuresPath, failureLines, "a failure record")],
        };
    }

    private static IReadOnlyList<string> Skipped<T>(string path, JsonLines<T> lines, string kind) =>
        [.. lines.Damaged.Select(line => $"{path}: line {line.Number} is not {kind} ({line.Problem}); left out of the report.")];

    /// <summary>The index of the first point of the last run in the series (a resumed job appends a new run).</summary>
    private static int LastRunStart(IReadOnlyList<TimelinePoint> timeline)
    {
        for (var i = timeline.Count - 1; i > 0; i--)
        {
            if (timeline[i].ElapsedSeconds < timeline[i - 1].ElapsedSeconds)
                return i;
        }
        return 0;
    }

    private static async Task<string?> ReadSpiderAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, JobDirectory.JobFile);
        if (!File.Exists(path))
            return null;
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        return json.RootElement.TryGetProperty("Spider", out var spider) ? spider.GetString() : null;
    }

    private static async Task<DownloadFigures?> ReadDownloadsAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, StatusTable.FileName);
        if (!File.Exists(path))
            return null;
        var rows = await StatusTable.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        var failed = rows.Where(r => r.Status == SampleStatuses.Failed).ToArray();
        return new DownloadFigures(
            rows.Count(r => r.Status == SampleStatuses.Success),
            failed.Length,
            rows.Count(r => r.Status == SampleStatuses.Duplicate),
            new SortedDictionary<string, long>(failed.GroupBy(r => r.Reason ?? "unknown").ToDictionary(g => g.Key, g => (long)g.Count()), StringComparer.Ordinal),
            [.. rows.Where(r => r.Status == SampleStatuses.Success).Select(r => r.Duration)]);
    }

    private static async Task<IReadOnlyList<ShardStats>> ReadShardsAsync(string folder, CancellationToken cancellationToken)
    {
        var shards = new List<ShardStats>();
        foreach (var path in Directory.EnumerateFiles(folder, "*_stats.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                if (JsonSerializer.Deserialize<ShardStats>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)) is { } stats)
                    shards.Add(stats);
            }
            catch (JsonException ex)
            {
                throw new ConfigurationException($"{path}: not a shard stats file ({ex.Message}).");
            }
        }
        return shards;
    }

    private sealed record StatsDocument(string? Spider, string? Outcome, string? FinishReason, IReadOnlyList<ContractReport>? Contracts, CrawlStatsSnapshot? Stats);
}
