using AudioCrawl.FaultSuite;
using Xunit;
using Xunit.Abstractions;

namespace AudioCrawl.Cli.Tests.Faults;

/// <summary>
/// The fault suite's short form (what <c>bench/faults.sh --short</c> runs), each scenario once, with the seed
/// printed so a failure replays with <c>bench/faults.sh --seed S --scenarios NAME</c>.
/// </summary>
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Faults")]
    public async Task Network_faults_kills_and_stops_end_with_the_output_of_an_uninterrupted_run()
    {
        var results = await RunAsync("proxy", "kill", "stop", "kill-shards");

        Assert.Contains(results, r => r.Scenario == "kill" && r.Kills > 0);
        Assert.Contains(results, r => r.Scenario == "stop" && r.Stops > 0);
    }

    [Fact(Skip = "Redis restarts and full disks are survived once the redis-outage and disk-state branches are merged: remove this Skip then (bench/faults.sh --scenarios redis-restart,full-disk shows the state)")]
    [Trait("Category", "Faults")]
    public async Task A_Redis_restart_and_a_full_disk_end_with_the_output_of_an_uninterrupted_run()
    {
        var results = await RunAsync("redis-restart", "full-disk");

        Assert.Contains(results, r => r.Scenario == "redis-restart" && r.Restarts > 0);
    }

    private async Task<IReadOnlyList<ScenarioResult>> RunAsync(params string[] scenarios)
    {
        var seed = Environment.TickCount & int.MaxValue;
        var log = new StringWriter();

        var results = await new FaultSuiteRunner(FaultSuiteOptions.Short(seed) with { Scenarios = scenarios }, log).RunAsync();

        output.WriteLine(log.ToString());
        Assert.Equal(scenarios.Length, results.Count);
        Assert.True(results.All(r => r.Passed || r.Skipped is not null), $"seed {seed}:\n{log}");
        return results;
    }
}
