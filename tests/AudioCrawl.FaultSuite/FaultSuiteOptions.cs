namespace AudioCrawl.FaultSuite;

/// <summary>How the suite runs: defaults are the long form's shape, <see cref="Short"/> the CI form.</summary>
public sealed record FaultSuiteOptions
{
    /// <summary>Seed of the first iteration; iteration i uses Seed + i, so one failing iteration replays with <c>--seed (Seed + i) --iterations 1</c>.</summary>
    public int Seed { get; init; } = Environment.TickCount & int.MaxValue;

    public int Iterations { get; init; } = 1;

    /// <summary>Names of the scenarios to run (all when empty).</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    /// <summary>Sounds in the sample site's catalogue (every 17th has no audio).</summary>
    public int Sounds { get; init; } = 300;

    /// <summary>Share of requests (first attempts and retries alike, up to two per request) the proxy faults.</summary>
    public double FaultRate { get; init; } = 0.15;

    /// <summary>SIGKILLs per kill scenario.</summary>
    public int Kills { get; init; } = 4;

    /// <summary>Longest a single crawler run may take before the suite calls it hung.</summary>
    public TimeSpan CrawlTimeout { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Shards must be complete after the crawl's own resume, without the documented <c>audiocrawl download</c> catch-up.</summary>
    public bool StrictShards { get; init; }

    /// <summary>Where the runs' folders go (a fresh folder under the system temp folder when null); kept on failure.</summary>
    public string? WorkFolder { get; init; }

    /// <summary>The CI form: one iteration of every scenario on a smaller site.</summary>
    public static FaultSuiteOptions Short(int seed) => new FaultSuiteOptions { Seed = seed }.AsShort();

    public FaultSuiteOptions AsShort() => this with { Iterations = 1, Sounds = 150, Kills = 3, CrawlTimeout = TimeSpan.FromMinutes(3) };
}
