using System.Globalization;
using System.Text;
using System.Text.Json;
using Crawler.Core.Engine;

namespace AudioCrawl.Running;

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
        AppendContracts(text, result);
        return text.ToString();
    }

    /// <summary>The one-line error for a crawl that ended empty.</summary>
    public static string FoundNothingError(CrawlResult result) =>
        $"error: the crawl finished but found nothing ({result.FoundNothing?.Message}): the site looks changed; check the spider's selectors, or pass --allow-empty if an empty result is expected.";

    private static void AppendContracts(StringBuilder text, CrawlResult result)
    {
        var invariant = CultureInfo.InvariantCulture;
        var failing = result.Contracts.Where(c => c.Failures > 0 || c.Met == 0).ToArray();
        if (failing.Length > 0)
        {
            text.AppendLine("  contracts         pages that yielded less than their callback declares:");
            foreach (var contract in failing)
            {
                var examples = contract.Examples.Count > 0 ? contract.Examples : contract.ExcusedExamples;
                text.AppendLine(invariant, $"    {contract.Callback,-16}{contract.Failures + contract.Excused} of {contract.Pages} pages ({contract.Excused} with a counted reason){(examples.Count > 0 ? ", e.g. " + string.Join(", ", examples) : "")}");
            }
        }
        if (result.FoundNothing is not { } nothing)
            return;
        if (result.Outcome == CrawlOutcome.Empty)
        {
            text.AppendLine(invariant, $"  FOUND NOTHING     {nothing.Message}.");
            text.AppendLine("                    The site looks changed; check the spider's selectors. If an empty result is expected, pass --allow-empty (or set \"allowEmpty\": true).");
        }
        else
            text.AppendLine(invariant, $"  found nothing     {nothing.Message} (accepted: allowEmpty).");
    }

    public static async Task WriteJsonAsync(string path, string spider, CrawlResult result)
    {
        var document = new
        {
            spider,
            outcome = result.Outcome.ToString().ToLowerInvariant(),
            finishReason = result.FinishReason,
            failure = result.FailureMessage,
            foundNothing = result.FoundNothing is { } nothing
                ? new { message = nothing.Message, pagesFetched = nothing.PagesFetched, noPairs = nothing.NoPairs, failedContracts = nothing.FailedContracts.Select(c => c.Callback).ToArray() }
                : null,
            contracts = result.Contracts,
            stats = result.Stats,
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, JsonOptions)).ConfigureAwait(false);
    }

    private static string Counts(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "" : " " + string.Join(", ", counts.Select(p => $"{p.Key}: {p.Value}"));
}
