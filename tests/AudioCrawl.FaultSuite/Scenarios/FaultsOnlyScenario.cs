namespace AudioCrawl.FaultSuite.Scenarios;

/// <summary>One crawl through the fault proxy, left alone: retries alone must get every page.</summary>
public sealed class FaultsOnlyScenario : IFaultScenario
{
    public string Name => "proxy";

    public string Description => "network faults only (drops, resets, stalls, slow and truncated bodies, 5xx)";

    public bool PacksShards => false;

    public async Task<ScenarioOutcome> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var csv = context.File("pairs.csv");
        var problems = new List<string>();
        await context.RunToEndAsync(context.Crawl(csv), problems, "the crawl", cancellationToken).ConfigureAwait(false);
        return new ScenarioOutcome(new CrawlOutput(csv), problems);
    }
}
