using Crawler.Abstractions.Stats;
using Crawler.Core.Metrics;

namespace Reports;

/// <summary>The figures a report derives from the records (rates from the time series, latency over a run, duration bins).</summary>
public static class ReportFigures
{
    /// <summary>
    /// Rates between neighbouring points. The x axis is wall-clock seconds since the first run started; a point whose
    /// <c>elapsed_s</c> went down begins a new run (a resumed job), whose counts start again from zero.
    /// </summary>
    public static IReadOnlyList<RatePoint> Rates(IReadOnlyList<TimelinePoint> points)
    {
        if (points.Count == 0)
            return [];
        var origin = points[0].At.AddSeconds(-points[0].ElapsedSeconds);
        var rates = new List<RatePoint>(points.Count);
        TimelinePoint? previous = null;
        foreach (var point in points)
        {
            var fresh = previous is null || point.ElapsedSeconds < previous.ElapsedSeconds;
            var seconds = fresh ? point.ElapsedSeconds : point.ElapsedSeconds - previous!.ElapsedSeconds;
            var responses = fresh ? point.Responses : point.Responses - previous!.Responses;
            var items = fresh ? point.Items : point.Items - previous!.Items;
            if (seconds > 0)
                rates.Add(new RatePoint(Math.Round((point.At - origin).TotalSeconds, 3), Math.Round(responses / seconds, 2), Math.Round(items / seconds, 2)));
            previous = point;
        }
        return rates;
    }

    /// <summary>Each host's latency over the whole series: its intervals' summaries merged.</summary>
    public static IReadOnlyDictionary<string, LatencySummary> Latency(IReadOnlyList<TimelinePoint> points)
    {
        var hosts = new SortedDictionary<string, LatencySummary>(StringComparer.OrdinalIgnoreCase);
        foreach (var (host, summary) in points.SelectMany(p => p.LatencyByHost))
            hosts[host] = hosts.TryGetValue(host, out var seen) ? seen.Merge(summary) : summary;
        return hosts;
    }

    /// <summary>Sample durations in bins of <paramref name="binSeconds"/> ("0–5 s", "5–10 s", ...), empty bins included up to the longest.</summary>
    public static IReadOnlyList<(string Label, long Count)> DurationHistogram(IReadOnlyList<double> durations, double binSeconds)
    {
        if (durations.Count == 0)
            return [];
        var bins = new long[(int)Math.Floor(durations.Max() / binSeconds) + 1];
        foreach (var duration in durations)
            bins[(int)Math.Floor(duration / binSeconds)]++;
        return [.. bins.Select((count, i) => ($"{Format(i * binSeconds)}–{Format((i + 1) * binSeconds)} s", count))];
    }

    /// <summary>A bin width that gives at most about twelve bins: 1, 2, 5, 10, 30, 60 s or more.</summary>
    public static double DurationBin(IReadOnlyList<double> durations)
    {
        var longest = durations.Count == 0 ? 0 : durations.Max();
        foreach (var width in new double[] { 1, 2, 5, 10, 30, 60, 300, 600, 1800, 3600 })
        {
            if (longest / width < 12)
                return width;
        }
        return 7200;
    }

    private static string Format(double seconds) => seconds.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
