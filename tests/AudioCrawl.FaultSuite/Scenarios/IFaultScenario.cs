namespace AudioCrawl.FaultSuite.Scenarios;

/// <summary>One way to interrupt a crawl through the fault proxy; it ends with an output to compare to an uninterrupted run's.</summary>
public interface IFaultScenario
{
    string Name { get; }

    /// <summary>One line for the summary and --help.</summary>
    string Description { get; }

    /// <summary>Whether it crawls with <c>--webdataset</c>, so its shards are compared too.</summary>
    bool PacksShards { get; }

    Task<ScenarioOutcome> RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}
