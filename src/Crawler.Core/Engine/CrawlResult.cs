using Crawler.Abstractions.Stats;

namespace Crawler.Core.Engine;

public sealed record CrawlResult(CrawlOutcome Outcome, string FinishReason, CrawlStatsSnapshot Stats, string? FailureMessage)
{
    /// <summary>Every page contract checked during the crawl, by name.</summary>
    public IReadOnlyList<ContractReport> Contracts { get; init; } = [];

    /// <summary>Set when the crawl found nothing, whether or not allowEmpty accepted it (then the outcome is not <see cref="CrawlOutcome.Empty"/>).</summary>
    public FoundNothing? FoundNothing { get; init; }
}
