using AudioCrawl.FaultSuite.Proxy;

namespace AudioCrawl.FaultSuite;

/// <summary>One scenario's iteration: its seed (to replay it), what was injected, and every difference found.</summary>
public sealed record ScenarioResult(string Scenario, int Iteration, int Seed, TimeSpan Elapsed, IReadOnlyList<string> Problems)
{
    public IReadOnlyDictionary<FaultKind, int> Faults { get; init; } = new Dictionary<FaultKind, int>();

    public int Rows { get; init; }

    public int Kills { get; init; }

    public int Stops { get; init; }

    public int Restarts { get; init; }

    public string? Skipped { get; init; }

    public bool Passed => Skipped is null && Problems.Count == 0;
}
