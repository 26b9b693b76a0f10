using Reports.Charts;

namespace Reports;

/// <summary>The charts of a report, in the order the page shows them; a chart with nothing to show is left out.</summary>
public static class ReportCharts
{
    public static IReadOnlyList<Chart> Of(RunReport report)
    {
        var charts = new List<Chart>();
        var rates = ReportFigures.Rates(report.Timeline);
        if (rates.Count > 0)
        {
            charts.Add(new Chart("rates", "Pages/s and items/s over time", "per second")
            {
                XAxis = "seconds since the crawl started",
                Series =
                [
                    new ChartSeries("pages/s", [.. rates.Select(r => (r.Seconds, r.PagesPerSecond))]),
                    new ChartSeries("items/s", [.. rates.Select(r => (r.Seconds, r.ItemsPerSecond))]),
                ],
            });
        }
        AddBars(charts, "status", "Responses by status", "responses", report.ResponsesByStatus);
        AddBars(charts, "errors", "Errors by kind", "errors", report.ErrorsByKind);
        if (report.LatencyByHost.Count > 0)
        {
            charts.Add(new Chart("latency", "Mean latency per host", "ms")
            {
                Bars = [.. report.LatencyByHost.OrderByDescending(h => h.Value.Count).Take(12).Select(h => new ChartBar(h.Key, h.Value.MeanMs))],
            });
        }
        AddBars(charts, "callbacks", "Pairs per spider callback", "pairs", report.PairsByCallback);
        AddBars(charts, "failures", "Failed requests by reason", "requests", report.FailuresByReason);
        if (report.Downloads is { } downloads)
        {
            var bin = ReportFigures.DurationBin(downloads.DurationsSeconds);
            var histogram = ReportFigures.DurationHistogram(downloads.DurationsSeconds, bin);
            if (histogram.Count > 0)
                charts.Add(new Chart("durations", "Durations of the packed samples", "samples") { Bars = [.. histogram.Select(b => new ChartBar(b.Label, b.Count))] });
            AddBars(charts, "download-failures", "Failed samples by reason", "samples", downloads.FailuresByReason);
        }
        return charts;
    }

    private static void AddBars(List<Chart> charts, string id, string title, string unit, IReadOnlyDictionary<string, long> counts)
    {
        if (counts.Count == 0)
            return;
        charts.Add(new Chart(id, title, unit)
        {
            Bars = [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(16).Select(c => new ChartBar(c.Key, c.Value))],
        });
    }
}
