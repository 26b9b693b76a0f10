namespace AudioCrawl.FaultSuite.Scenarios;

/// <summary>What a scenario did and what it already found wrong (an exit code, a torn record after a failure).</summary>
public sealed record ScenarioOutcome(CrawlOutput? Output, IReadOnlyList<string> Problems)
{
    public int Kills { get; init; }

    public int Stops { get; init; }

    public int Restarts { get; init; }

    /// <summary>Why the scenario could not run here (not root, no redis-server); null when it ran.</summary>
    public string? Skipped { get; init; }

    public static ScenarioOutcome Skip(string reason) => new(null, []) { Skipped = reason };
}
