using System.Globalization;
using AudioCrawl.FaultSuite;

const string usage = """
    AudioCrawl fault suite: crawls the sample sound library through a loopback fault proxy while killing, stopping,
    restarting Redis and filling the disk; every scenario must end with the CSV (and shards) of an uninterrupted run.

      --seed S            seed of iteration 0 (iteration i uses S+i; printed, so a failure replays)
      --iterations N      iterations of every scenario (a soak; default 1)
      --scenarios a,b     scenarios to run (default all): {0}
      --short             the CI form: 1 iteration, 150 sounds, 3 kills per kill scenario (options after it override)
      --sounds N          sounds in the sample site (default 300)
      --fault-rate R      share of requests the proxy faults, at most twice per request (default 0.15)
      --kills N           SIGKILLs per kill scenario (default 4)
      --strict-shards     no 'audiocrawl download' catch-up: the crawl's resume alone must complete the shards
      --work DIR          folder for the runs (kept when a run fails)
    full-disk mounts a tmpfs: it needs root (skipped otherwise); AUDIOCRAWL_NO_MOUNT=1 skips it where mounting fails.
    Exit code: 0 every scenario matched, 1 a mismatch (the diff is printed), 2 bad usage.
    """;

var options = new FaultSuiteOptions();
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
        options = args[i] switch
        {
            "--seed" => options with { Seed = Number() },
            "--iterations" => options with { Iterations = Number() },
            "--scenarios" => options with { Scenarios = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
            "--short" => options.AsShort(),
            "--sounds" => options with { Sounds = Number() },
            "--fault-rate" => options with { FaultRate = double.Parse(Value(), CultureInfo.InvariantCulture) },
            "--kills" => options with { Kills = Number() },
            "--strict-shards" => options with { StrictShards = true },
            "--work" => options with { WorkFolder = Path.GetFullPath(Value()) },
            "--help" or "-h" => throw new OperationCanceledException(),
            var other => throw new ArgumentException($"unknown option {other}"),
        };
    }
    if (options.Iterations < 1 || options.Sounds < 40 || options.Kills < 1 || options.FaultRate is < 0 or > 1)
        throw new ArgumentException("--iterations and --kills must be at least 1, --sounds at least 40, --fault-rate between 0 and 1");
}
catch (OperationCanceledException)
{
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, usage, string.Join(", ", FaultSuiteRunner.AllScenarios.Select(s => s.Name))));
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"faults: {ex.Message}");
    Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, usage, string.Join(", ", FaultSuiteRunner.AllScenarios.Select(s => s.Name))));
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
try
{
    var results = await new FaultSuiteRunner(options, Console.Out).RunAsync(stop.Token);
    return results.All(r => r.Passed || r.Skipped is not null) ? 0 : 1;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"faults: {ex.Message}");
    return 2;
}
