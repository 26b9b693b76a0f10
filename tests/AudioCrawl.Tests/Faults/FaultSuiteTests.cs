using AudioCrawl.FaultSuite;
using Xunit;
using Xunit.Abstractions;

namespace AudioCrawl.Tests.Faults;

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

    [Fact]
    [Trait("Category", "Faults")]
    public async Task A_shared_crawl_waits_out_a_Redis_restart_and_ends_with_the_output_of_an_uninterrupted_run()
    {
        var results = await RunAsync("redis-restart");

        Assert.Contains(results, r => r.Scenario == "redis-restart" && (r.Restarts > 0 || r.Skipped is not null));
    }

    /// <summary>Mounts a tmpfs, so it needs root (CI runs as root); <c>AUDIOCRAWL_NO_MOUNT=1</c> skips the scenario on a machine that cannot mount.</summary>
    [Fact]
    [Trait("Category", "Faults")]
    public async Task A_full_disk_freed_and_resumed_ends_with_the_output_of_an_uninterrupted_run()
    {
        var results = await RunAsync("full-disk");

        Assert.Contains(results, r => r.Scenario == "full-disk" && (r.Rows > 0 || r.Skipped is not null));
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
