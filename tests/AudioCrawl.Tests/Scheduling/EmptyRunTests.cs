using AudioCrawl.Testing;
using Crawler.Core.Runs;
using Xunit;

namespace AudioCrawl.Tests.Scheduling;

/// <summary>run-once and the found-nothing alarm: nothing new is not an alarm, nothing at all is.</summary>
public sealed class EmptyRunTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public EmptyRunTests() => File.WriteAllText(_temp.File("crawlers.json"), """{"spiders": {"catalogue": {"schedule": {"cron": "0 3 * * *", "timeZone": "UTC"}}}}""");

    public void Dispose() => _temp.Dispose();

    private Task<ProcessResult> RunOnceAsync(LoopbackServer server, params string[] extra) =>
        Cli.RunAsync(["run-once", "catalogue", "--config", _temp.File("crawlers.json"), "--state-dir", _temp.File("state"), "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", .. extra]);

    [Fact]
    public async Task A_second_run_that_finds_nothing_new_because_every_item_page_was_fetched_before_exits_0()
    {
        await using var server = await LoopbackServer.StartAsync();
        CatalogueSite.Publish(server, 10);

        var first = await RunOnceAsync(server);
        var second = await RunOnceAsync(server);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("0 new pairs", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FOUND NOTHING", second.Output, StringComparison.Ordinal);
        Assert.Contains("no new pairs; the pages that had them were fetched by earlier runs", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_fetched_pages_and_found_no_pair_exits_4_and_is_recorded_with_the_finding()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Page("/catalogue?page=1", "<html><body><div id=\"app\">Loading the catalogue…</div></body></html>");

        var empty = await RunOnceAsync(server);
        var accepted = await RunOnceAsync(server, "--allow-empty");

        Assert.True(empty.ExitCode == 4, empty.Output + empty.Error);
        Assert.Contains("error: the crawl finished but found nothing", empty.Error, StringComparison.Ordinal);
        Assert.True(accepted.ExitCode == 0, accepted.Output + accepted.Error);
        await using var state = await SpiderState.OpenAsync(Path.Combine(_temp.File("state"), "catalogue"));
        var run = (await state.ListRunsAsync())[0];
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Contains("yielded no pair", run.Message, StringComparison.Ordinal);
    }
}
