using System.Diagnostics;
using System.Globalization;
using System.Text;
using AudioCrawl.FaultSuite.Checks;
using AudioCrawl.FaultSuite.Proxy;
using AudioCrawl.FaultSuite.Scenarios;
using AudioCrawl.SampleSite;
using AudioCrawl.SampleSite.Sounds;

namespace AudioCrawl.FaultSuite;

/// <summary>
/// Serves the sample sound library on loopback behind the fault proxy, makes the reference output with one
/// uninterrupted run (the proxy faithful), then runs every chosen scenario once per iteration, each with its own
/// seed and folder, compares each outcome to the reference and prints a summary table.
/// </summary>
public sealed class FaultSuiteRunner(FaultSuiteOptions options, TextWriter log)
{
    public static IReadOnlyList<IFaultScenario> AllScenarios { get; } =
        [new FaultsOnlyScenario(), new KillScenario(packShards: false), new StopScenario(), new KillScenario(packShards: true),
         new RedisRestartScenario(), new FullDiskScenario()];

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(CancellationToken cancellationToken = default)
    {
        var scenarios = Choose(options.Scenarios);
        var work = options.WorkFolder ?? Path.Combine(Path.GetTempPath(), "audiocrawl-faults", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{options.Seed}");
        Directory.CreateDirectory(work);
        await File.WriteAllTextAsync(Path.Combine(work, "crawlers.json"), "{}", cancellationToken).ConfigureAwait(false);
        var site = new SoundLibrarySite(new SoundCatalogue(options.Sounds));
        await using var upstream = await SampleWeb.ServeAsync(site, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var proxy = await FaultProxy.StartAsync(upstream.BaseUrl, cancellationToken: cancellationToken).ConfigureAwait(false);
        log.WriteLine($"fault suite: seed {options.Seed}, {options.Iterations} iteration(s), {options.Sounds} sounds, fault rate {options.FaultRate.ToString(CultureInfo.InvariantCulture)}, " +
                      $"scenarios {string.Join(", ", scenarios.Select(s => s.Name))}; work in {work}");

        var reference = await ReferenceAsync(work, proxy, site, scenarios.Any(s => s.PacksShards), cancellationToken).ConfigureAwait(false);
        var results = new List<ScenarioResult>();
        for (var iteration = 0; iteration < options.Iterations; iteration++)
        {
            var seed = unchecked(options.Seed + iteration);
            foreach (var scenario in scenarios)
            {
                var result = await RunScenarioAsync(scenario, iteration, seed, work, proxy, reference, cancellationToken).ConfigureAwait(false);
                results.Add(result);
                log.WriteLine(result.Skipped is not null ? $"  {scenario.Name} #{iteration}: skipped ({result.Skipped})"
                    : result.Passed ? $"  {scenario.Name} #{iteration}: ok ({ScenarioContext.Seconds(result.Elapsed)})"
                    : $"  {scenario.Name} #{iteration}: FAILED (replay: bench/faults.sh --seed {seed} --scenarios {scenario.Name})\n      {string.Join("\n      ", result.Problems)}");
            }
        }
        log.Write(SummaryTable(results));
        if (results.All(r => r.Passed || r.Skipped is not null))
            Directory.Delete(work, recursive: true);
        else
            log.WriteLine($"kept the failed runs' folders in {work}");
        return results;
    }

    private static IReadOnlyList<IFaultScenario> Choose(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            return AllScenarios;
        return names.Select(name => AllScenarios.FirstOrDefault(s => s.Name == name)
            ?? throw new ArgumentException($"there is no fault scenario '{name}'; choose from {string.Join(", ", AllScenarios.Select(s => s.Name))}")).ToArray();
    }

    private async Task<ReferenceOutput> ReferenceAsync(string work, FaultProxy proxy, SoundLibrarySite site, bool shards, CancellationToken cancellationToken)
    {
        proxy.Plan = FaultPlan.None;
        var folder = Path.Combine(work, "reference");
        Directory.CreateDirectory(folder);
        var output = new CrawlOutput(Path.Combine(folder, "pairs.csv"), shards ? Path.Combine(folder, "shards") : null);
        var context = new ScenarioContext(work, proxy, new ReferenceOutput([], null), new Random(0), options, log);
        var problems = new List<string>();
        var clock = Stopwatch.StartNew();
        await context.RunToEndAsync(context.Crawl(output.Csv, shards ? ScenarioContext.PackInto(output.Shards!) : []), problems, "the uninterrupted run", cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
            throw new InvalidOperationException(problems[0]);
        var reference = await OutputComparison.ReadReferenceAsync(output).ConfigureAwait(false);
        var expected = site.ExpectedPairs(proxy.BaseUrl).ToHashSet();
        if (!expected.SetEquals(reference.Pairs) || reference.Pairs.Count != expected.Count)
            throw new InvalidOperationException($"the uninterrupted run's CSV ({reference.Pairs.Count} rows) is not the site's {expected.Count} pairs");
        if (reference.Samples is { } samples && samples.Count != expected.Count)
            throw new InvalidOperationException($"the uninterrupted run packed {samples.Count} samples for {expected.Count} pairs");
        log.WriteLine($"  reference: {reference.Pairs.Count} rows{(reference.Samples is null ? "" : $", {reference.Samples.Count} samples")} in {ScenarioContext.Seconds(clock.Elapsed)}");
        return reference;
    }

    private async Task<ScenarioResult> RunScenarioAsync(IFaultScenario scenario, int iteration, int seed, string work, FaultProxy proxy, ReferenceOutput reference, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(work, $"{scenario.Name}-{iteration}");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(work, "crawlers.json"), Path.Combine(folder, "crawlers.json"));
        var scenarioSeed = seed ^ StableHash(scenario.Name);
        proxy.Plan = new FaultPlan(scenarioSeed, options.FaultRate);
        var context = new ScenarioContext(folder, proxy, reference, new Random(scenarioSeed), options, log);
        var clock = Stopwatch.StartNew();
        ScenarioOutcome outcome;
        var problems = new List<string>();
        try
        {
            outcome = await scenario.RunAsync(context, cancellationToken).ConfigureAwait(false);
            problems.AddRange(outcome.Problems);
            if (outcome.Output is { } output && outcome.Skipped is null)
                problems.AddRange(await OutputComparison.CompareAsync(reference, scenario.PacksShards ? output : output with { Shards = null }).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            outcome = new ScenarioOutcome(null, []);
            problems.Add($"the scenario threw {ex.GetType().Name}: {ScenarioContext.Tail(ex.Message, 12)}");
        }
        var result = new ScenarioResult(scenario.Name, iteration, seed, clock.Elapsed, problems)
        {
            Faults = proxy.Injected,
            Rows = outcome.Output is { } written && File.Exists(written.Csv) ? ScenarioContext.Rows(written.Csv) : 0,
            Kills = outcome.Kills,
            Stops = outcome.Stops,
            Restarts = outcome.Restarts,
            Skipped = outcome.Skipped,
        };
        if (result.Passed || result.Skipped is not null)
            Directory.Delete(folder, recursive: true);
        return result;
    }

    /// <summary>FNV-1a: string.GetHashCode differs between processes, and a replay must draw the same numbers.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return (int)hash;
    }

    public static string SummaryTable(IReadOnlyList<ScenarioResult> results)
    {
        var table = new StringBuilder();
        var kinds = FaultPlan.AllKinds;
        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"scenario",-14} {"runs",4} {"pass",4} {"fail",4} {"skip",4} {"kills",5} {"stops",5} {"restarts",8} {"faults",6}  {"median",8}  faults by kind");
        foreach (var group in results.GroupBy(r => r.Scenario))
        {
            var runs = group.ToList();
            var ran = runs.Where(r => r.Skipped is null).ToList();
            var median = ran.Count == 0 ? "-" : ScenarioContext.Seconds(ran.Select(r => r.Elapsed).Order().ElementAt(ran.Count / 2));
            var byKind = string.Join(" ", kinds.Select(k => $"{k}={runs.Sum(r => r.Faults.GetValueOrDefault(k))}"));
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{group.Key,-14} {runs.Count,4} {runs.Count(r => r.Passed),4} {ran.Count(r => !r.Passed),4} {runs.Count - ran.Count,4} {runs.Sum(r => r.Kills),5} {runs.Sum(r => r.Stops),5} {runs.Sum(r => r.Restarts),8} {runs.Sum(r => r.Faults.Values.Sum()),6}  {median,8}  {byKind}");
        }
        var failed = results.Where(r => r.Skipped is null && !r.Passed).ToList();
        table.AppendLine(failed.Count == 0
            ? $"all {results.Count(r => r.Skipped is null)} scenario runs ended with the uninterrupted run's output"
            : $"{failed.Count} scenario run(s) FAILED; replay: {string.Join("; ", failed.Select(f => $"--seed {f.Seed} --scenarios {f.Scenario}"))}");
        return table.ToString();
    }
}
