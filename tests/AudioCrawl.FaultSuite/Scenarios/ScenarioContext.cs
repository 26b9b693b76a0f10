using System.Globalization;
using AudioCrawl.FaultSuite.Checks;
using AudioCrawl.FaultSuite.Proxy;
using AudioCrawl.Testing;

namespace AudioCrawl.FaultSuite.Scenarios;

/// <summary>
/// What a scenario works with: its own folder (the crawler's working directory), the seeded random source that
/// picks its kill and stop points, the fault proxy, the reference output, and the crawl command line every run uses.
/// </summary>
public sealed class ScenarioContext(string folder, FaultProxy proxy, ReferenceOutput reference, Random random, FaultSuiteOptions options, TextWriter log)
{
    public string Folder { get; } = folder;

    public FaultProxy Proxy { get; } = proxy;

    public ReferenceOutput Reference { get; } = reference;

    public Random Random { get; } = random;

    public FaultSuiteOptions Options { get; } = options;

    public int ExpectedRows => Reference.Pairs.Count;

    public string File(string name) => Path.Combine(Folder, name);

    public void Log(string line) => log.WriteLine($"    {line}");

    /// <summary>
    /// <c>crawl sounds</c> through the proxy: no politeness delay, short timeouts (a stall must end as a timeout, not
    /// hold the run), and more retries than the proxy ever faults one request (<see cref="FaultPlan.MaxFaultsPerRequest"/>).
    /// A 503 still slows the host down, but by at most <c>autoThrottleMaxDelay</c> (0.25 s) instead of the default's
    /// doubling from 1 s, which wears off by a fifth per response and left a faulted crawl starting one request a
    /// second for seconds after each 503.
    /// </summary>
    public static string[] CrawlArguments(Uri baseUrl, string csv, IEnumerable<string> extra) =>
    [
        "crawl", "sounds", "-o", csv, "--set", $"baseUrl={baseUrl}", "--delay", "0", "--per-host", "8", "--concurrency", "16",
        "--set", "retries=6", "--set", "retryDelay=0.05", "--set", "requestTimeout=2", "--set", "connectTimeout=2",
        "--set", "autoThrottleMaxDelay=0.25", "--set", "logInterval=60", .. extra,
    ];

    public string[] Crawl(string csv, params string[] extra) => CrawlArguments(Proxy.BaseUrl, csv, extra);

    /// <summary>The arguments that make a crawl pack its audio into <paramref name="shards"/>.</summary>
    public static string[] PackInto(string shards) => ["--webdataset", shards, .. ShardOptions];

    /// <summary>
    /// Samples the crawl queued but had not packed when it was killed or failed are in the CSV only: the documented
    /// way on is <c>audiocrawl download pairs.csv -o shards</c> into the same folder, which packs exactly those.
    /// Logs how many the crawl's own resume left; with <see cref="FaultSuiteOptions.StrictShards"/> it runs no
    /// catch-up, so the shards must be complete from the crawl alone.
    /// </summary>
    public async Task CompleteShardsAsync(string csv, string shards, List<string> problems, CancellationToken cancellationToken)
    {
        var packed = Directory.Exists(shards) && System.IO.File.Exists(Path.Combine(shards, "sizes.json")) ? WebDatasetReader.ReadSizes(shards).Values.Sum() : 0;
        Log($"the crawl packed {packed} of {ExpectedRows} samples{(packed < ExpectedRows && !Options.StrictShards ? "; audiocrawl download packs the rest" : "")}");
        if (packed < ExpectedRows && !Options.StrictShards)
            await RunToEndAsync(["download", csv, "-o", shards, "--delay", "0", .. ShardOptions], problems, "audiocrawl download (catch-up)", cancellationToken).ConfigureAwait(false);
    }

    private static readonly string[] ShardOptions = ["--audio-timeout", "2", "--samples-per-shard", "64"];

    public AudioCrawlProcess Start(string[] arguments) => AudioCrawlProcess.Start(Folder, arguments);

    /// <summary>Runs a crawl to its end; a non-zero exit is a problem.</summary>
    public async Task<bool> RunToEndAsync(string[] arguments, List<string> problems, string what, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await AudioCrawlProcess.RunAsync(Folder, Options.CrawlTimeout, arguments).ConfigureAwait(false);
        Log($"{what}: exit {result.ExitCode} after {Seconds(clock.Elapsed)}");
        if (result.ExitCode == 0)
            return true;
        problems.Add($"{what} exited with {result.ExitCode}: {Tail(result.Error)}");
        return false;
    }

    /// <summary>Waits until <paramref name="rows"/> reaches <paramref name="threshold"/>; false when the crawler exited first (or the wait timed out).</summary>
    public async Task<bool> WaitForRowsAsync(AudioCrawlProcess crawler, Func<int> rows, int threshold, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Options.CrawlTimeout;
        while (rows() < threshold)
        {
            if (crawler.HasExited || DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(Random.Next(1, 25), cancellationToken).ConfigureAwait(false);
        }
        return !crawler.HasExited;
    }

    /// <summary>Rows written so far to a CSV another process is writing.</summary>
    public static int Rows(string csv) => Math.Max(CsvFile.CountLines(csv) - 1, 0);

    /// <summary><paramref name="count"/> seeded row counts, ascending, between 5% and 85% of the reference.</summary>
    public IReadOnlyList<int> Thresholds(int count) =>
        Enumerable.Range(0, count).Select(_ => Random.Next(Math.Max(1, ExpectedRows / 20), Math.Max(2, ExpectedRows * 85 / 100))).Order().ToArray();

    public static string Tail(string text, int lines = 6) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines));

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
