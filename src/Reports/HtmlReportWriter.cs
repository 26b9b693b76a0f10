using System.Globalization;
using System.Net;
using System.Text;
using Reports.Charts;

namespace Reports;

/// <summary>
/// The report as one self-contained HTML file: inline CSS, the charts as inline SVG, no script and nothing fetched
/// from elsewhere, so it opens offline and can be attached to a dataset submission. Each figure sits in an element
/// with an id (<c>figure-requests</c>, ...) and the markup is well-formed XML, for tools that read it back.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#0f172a;background:#f8fafc}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}.sub{color:#475569;margin:0 0 16px}
        dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin:0}
        dl.figures div{background:#fff;border:1px solid #e2e8f0;border-radius:6px;padding:8px 12px}
        dt{font-size:12px;color:#475569}dd{margin:2px 0 0;font-size:20px;font-weight:600}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(720px,1fr));gap:12px}
        .charts figure{margin:0;background:#fff;border:1px solid #e2e8f0;border-radius:6px;padding:4px}
        table{border-collapse:collapse;background:#fff;font-size:13px}th,td{border:1px solid #e2e8f0;padding:4px 10px;text-align:right}
        th:first-child,td:first-child{text-align:left}
        """;

    public static string Write(RunReport report, IReadOnlyList<Chart> charts, DateTimeOffset generatedAt)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>")
            .Append(Encode($"AudioCrawl report: {report.Spider ?? report.Source}")).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>").Append(Encode(report.Spider ?? "crawl")).Append(": ").Append(Encode(report.Outcome ?? "finished")).Append(report.FinishReason is { } reason ? $" ({Encode(reason)})" : "").Append("</h1>");
        html.Append("<p class=\"sub\">From ").Append(Encode(report.Source))
            .Append(report.StartedAtUtc is { } started ? $", started {Encode(started.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))}" : "")
            .Append(", report made ").Append(Encode(generatedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))).Append(".</p>");

        html.Append("<dl class=\"figures\">");
        Figure(html, "elapsed", "seconds", report.ElapsedSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        Figure(html, "requests", "requests", Count(report.Requests));
        Figure(html, "responses", "responses", Count(report.Responses));
        Figure(html, "pages-per-second", "pages/s", report.PagesPerSecond.ToString("0.##", CultureInfo.InvariantCulture));
        Figure(html, "items", "items", Count(report.Items));
        Figure(html, "errors", "errors", Count(report.Errors));
        Figure(html, "bytes", "bytes received", Count(report.BytesReceived));
        Figure(html, "queued", "still queued", Count(report.Queued));
        if (report.Downloads is { } downloads)
        {
            Figure(html, "samples-packed", "samples packed", Count(downloads.Succeeded));
            Figure(html, "samples-failed", "samples failed", Count(downloads.Failed));
            Figure(html, "audio-seconds", "audio seconds", downloads.AudioSeconds.ToString("0.#", CultureInfo.InvariantCulture));
        }
        if (report.Shards.Count > 0)
            Figure(html, "shards", "shards", Count(report.Shards.Count));
        html.Append("</dl>");

        html.Append("<h2>Charts</h2><div class=\"charts\">");
        foreach (var chart in charts)
            html.Append("<figure>").Append(SvgChartWriter.Write(chart)).Append("</figure>");
        html.Append("</div>");

        Table(html, "Responses and errors", "counts", ["what", "key", "count"],
            [
                .. report.ResponsesByStatus.Select(p => new[] { "status", p.Key, Count(p.Value) }),
                .. report.ErrorsByKind.Select(p => new[] { "error", p.Key, Count(p.Value) }),
                .. report.RequestsDroppedByReason.Select(p => new[] { "request dropped", p.Key, Count(p.Value) }),
                .. report.ItemsDroppedByReason.Select(p => new[] { "item dropped", p.Key, Count(p.Value) }),
            ]);
        Table(html, "Latency per host", "latency", ["host", "responses", "mean ms", "p50 ms", "p95 ms", "max ms"],
            [.. report.LatencyByHost.Select(p => new[] { p.Key, Count(p.Value.Count), Ms(p.Value.MeanMs), Ms(p.Value.P50Ms), Ms(p.Value.P95Ms), Ms(p.Value.MaxMs) })]);
        Table(html, "Spider callbacks", "callbacks", ["callback", "pairs", "pages checked", "pages that met the contract", "pages that did not", "with a counted reason"],
            [.. CallbackRows(report)]);
        Table(html, "Failed requests by reason", "failures", ["reason", "requests"], [.. report.FailuresByReason.Select(p => new[] { p.Key, Count(p.Value) })]);
        if (report.Downloads is { } samples)
            Table(html, "Failed samples by reason", "download-failures", ["reason", "samples"], [.. samples.FailuresByReason.Select(p => new[] { p.Key, Count(p.Value) })]);
        Table(html, "Shards", "shards", ["shard", "samples", "failed", "audio MB", "audio seconds"],
            [.. report.Shards.Select(s => new[] { s.Shard, Count(s.Successes), Count(s.Failed), (s.AudioBytes / 1e6).ToString("0.00", CultureInfo.InvariantCulture), s.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture) })]);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static IEnumerable<string[]> CallbackRows(RunReport report)
    {
        var contracts = report.Contracts.ToDictionary(c => c.Callback, StringComparer.Ordinal);
        foreach (var callback in report.PairsByCallback.Keys.Union(contracts.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var contract = contracts.GetValueOrDefault(callback);
            yield return
            [
                callback,
                Count(report.PairsByCallback.GetValueOrDefault(callback)),
                contract is null ? "" : Count(contract.Pages),
                contract is null ? "" : Count(contract.Met),
                contract is null ? "" : Count(contract.Failures),
                contract is null ? "" : Count(contract.Excused),
            ];
        }
    }

    private static void Figure(StringBuilder html, string id, string label, string value) =>
        html.Append("<div><dt>").Append(Encode(label)).Append("</dt><dd id=\"figure-").Append(id).Append("\">").Append(Encode(value)).Append("</dd></div>");

    private static void Table(StringBuilder html, string title, string id, IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        if (rows.Count == 0)
            return;
        html.Append("<h2>").Append(Encode(title)).Append("</h2><table id=\"table-").Append(id).Append("\"><thead><tr>");
        foreach (var header in headers)
            html.Append("<th>").Append(Encode(header)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append("<td>").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
