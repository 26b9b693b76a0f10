using AudioCrawl.SampleSite.TestSites.YouTube;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests.Resume;

/// <summary>Spider state in the job directory: YouTube's per-input limit holds when a killed job is resumed.</summary>
public sealed class SpiderStateResumeTests : IDisposable
{
    private const int Limit = YouTubeCatalogue.ChannelPageSize + 5;
    private readonly TempDirectory _temp = new();

    public SpiderStateResumeTests() => File.WriteAllText(_temp.File("crawlers.json"), "{}");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_per_input_limit_of_youtube_holds_across_a_kill_and_resume_of_its_job_directory()
    {
        var catalogue = new YouTubeCatalogue();
        await using var server = await LoopbackServer.StartAsync(new YouTubeWebSite(catalogue));
        Assert.True(catalogue.BirdsongVideos.Count > Limit, "the channel must have more videos than the limit");
        var csv = _temp.File("youtube.csv");
        string[] crawl =
        [
            "crawl", "youtube", "-o", csv, "--job-dir", _temp.File("job"), "--config", _temp.File("crawlers.json"), "--delay", "0",
            "--set", $"baseUrl={server.BaseUrl}", "--set", "channels=@birdsong", "--set", "obeyRobotsTxt=false", "--set", $"maxResultsPerInput={Limit}",
        ];
        server.Latency = TimeSpan.FromSeconds(1);

        using (var first = AudioCrawlProcess.Start(_temp.Path, crawl))
        {
            // Killed while the continuation is in flight: the first page's pairs are written, its follow-up is still pending.
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (!server.Log.Any(r => r.PathAndQuery.StartsWith("/youtubei/v1/browse", StringComparison.Ordinal)) && DateTime.UtcNow < deadline && !first.HasExited)
                await Task.Delay(20);
            Assert.False(first.HasExited, first.ErrorSoFar);
            await Task.Delay(TimeSpan.FromMilliseconds(400)); // the first page's rows reach the CSV; the continuation's answer is 1 s away
            await first.SignalAsync("KILL");
            await first.WaitAsync(TimeSpan.FromSeconds(30));
        }
        var keptBeforeKill = CsvFile.ReadPairs(csv).Count;
        server.Latency = TimeSpan.Zero;
        var resumed = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2), crawl);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(YouTubeCatalogue.ChannelPageSize, keptBeforeKill);
        var rows = CsvFile.ReadPairs(csv);
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(Limit, rows.Count);
    }
}
