using AudioCrawl.FaultSuite;
using Xunit;
using Xunit.Abstractions;

namespace AudioCrawl.Cli.Tests.Faults;

/// <summary>
/// The fault suite's short form (what <c>bench/faults.sh --short</c> runs): every scenario once, with a seed
/// printed so a failure replays with <c>bench/faults.sh --seed S --scenarios NAME</c>.
/// </summary>
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Faults")]
    public async Task Every_fault_scenario_ends_with_the_output_of_an_uninterrupted_run()
    {
        var seed = Environment.TickCount & int.MaxValue;
        var log = new StringWriter();

        var results = await new FaultSuiteRunner(FaultSuiteOptions.Short(seed), log).RunAsync();

        output.WriteLine(log.ToString());
        Assert.NotEmpty(results);
        Assert.True(results.All(r => r.Passed || r.Skipped is not null), $"seed {seed}:\n{log}");
        Assert.Contains(results, r => r.Passed && r.Kills > 0);
    }
}
