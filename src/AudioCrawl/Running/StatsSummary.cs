using System.Globalization;
using System.Text;
using System.Text.Json;
using AudioCrawl.Core.Engine;

namespace AudioCrawl.Cli.Running;

/// <summary>The end-of-crawl summary, printed and optionally written as JSON.</summary>
public static class StatsSummary
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Format(string spider, CrawlResult result, IEnumerable<string> outputs)
    {
        var s = result.Stats;
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"{spider}: {result.Outcome.ToString().ToLowerInvariant()} ({result.FinishReason}) in {s.ElapsedSeconds:0.0} s");
        text.AppendLine(invariant, $"  requests          {s.Requests} ({s.PagesPerSecond:0.0} pages/s), {s.BytesReceived / 1024.0:0.0} KiB received");
        text.AppendLine(invariant, $"  responses         {s.Responses}{Counts(s.ResponsesByStatus)}");
        text.AppendLine(invariant, $"  items             {s.Items}{(outputs.Any() ? " -> " + string.Join(", ", outputs) : "")}");
        if (s.ItemsDroppedByReason.Count > 0)
            text.AppendLine(invariant, $"  items dropped    {Counts(s.ItemsDroppedByReason)}");
        if (s.RequestsDroppedByReason.Count > 0)
            text.AppendLine(invariant, $"  requests dropped {Counts(s.RequestsDroppedByReason)}");
        if (s.ErrorsByKind.Count > 0)
            text.AppendLine(invariant, $"  errors           {Counts(s.ErrorsByKind)}");
        if (s.Counters.Count > 0)
            text.AppendLine(invariant, $"  counters         {Counts(s.Counters)}");
        if (s.Queued > 0)
            text.AppendLine(invariant, $"  still queued      {s.Queued}");
        if (result.FailureMessage is not null)
            text.AppendLine(invariant, $"  failure           {result.FailureMessage}");
        return text.ToString();
    }

    public static async Task WriteJsonAsync(string path, string spider, CrawlResult result)
    {
        var document = new
        {
            spider,
            outcome = result.Outcome.ToString().ToLowerInvariant(),
            finishReason = result.FinishReason,
            failure = result.FailureMessage,
            stats = result.Stats,
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, JsonOptions)).ConfigureAwait(false);
    }

    private static string Counts(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "" : " " + string.Join(", ", counts.Select(p => $"{p.Key}: {p.Value}"));
}
