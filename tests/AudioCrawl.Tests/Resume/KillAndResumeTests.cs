using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Xunit;
using Xunit.Abstractions;

namespace AudioCrawl.Tests.Resume;

/// <summary>
/// The real CLI in a child process, killed with SIGKILL at random points and resumed with the same command each
/// time: the final CSV must equal an uninterrupted run's, with no duplicate, no lost and no torn row.
/// </summary>
public sealed class KillAndResumeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string[] Crawl(LoopbackServer server, string csv, string? jobDir) =>
    [
        "crawl", "sounds", "-o", csv, "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", "8", "--concurrency", "16",
        .. jobDir is null ? Array.Empty<string>() : ["--job-dir", jobDir],
    ];

    [Fact]
    public async Task A_crawl_killed_with_SIGKILL_again_and_again_resumes_to_the_csv_of_an_uninterrupted_run()
    {
        File.WriteAllText(_temp.File("crawlers.json"), "{}");
        var site = new SoundLibrarySite(new SoundCatalogue(3000));
        await using var server = await LoopbackServer.StartAsync(site);
        server.Latency = TimeSpan.FromMilliseconds(3);
        var expected = site.ExpectedPairs(server.BaseUrl).ToHashSet();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");

        var whole = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(5), Crawl(server, "whole.csv", null));
        Assert.True(whole.ExitCode == 0, whole.Error);
        var uninterrupted = CsvFile.ReadPairs(_temp.File("whole.csv"));

        var csv = _temp.File("resumed.csv");
        var jobDir = _temp.File("job");
        var thresholds = new[] { 0 }.Concat(Enumerable.Range(0, 5).Select(_ => random.Next(50, expected.Count - 100)).Order()).ToArray();
        var kills = 0;
        foreach (var rows in thresholds)
        {
            using var crawl = AudioCrawlProcess.Start(_temp.Path, Crawl(server, csv, jobDir));
            var deadline = DateTime.UtcNow.AddMinutes(2);
            if (rows == 0)
                await Task.Delay(random.Next(200, 1500));
            while (RowsSoFar(csv) < rows && DateTime.UtcNow < deadline && !crawl.HasExited)
                await Task.Delay(random.Next(1, 30));
            if (crawl.HasExited)
                break;
            await crawl.SignalAsync("KILL");
            var killed = await crawl.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, killed.ExitCode);
            kills++;
            output.WriteLine($"killed after about {RowsSoFar(csv)} rows (threshold {rows})");
        }
        var last = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(5), Crawl(server, csv, jobDir));

        Assert.True(last.ExitCode == 0, last.Error);
        Assert.True(kills >= 3, $"only {kills} kills landed before the crawl ended (seed {seed})");
        var resumed = CsvFile.ReadPairs(csv);
        var python = await CsvFile.ReadPairsWithPythonAsync(csv);
        Assert.Equal(resumed, python);
        Assert.Equal(resumed.Count, resumed.Distinct().Count());
        Assert.Equal(uninterrupted.Count, resumed.Count);
        Assert.True(uninterrupted.ToHashSet().SetEquals(resumed), $"the resumed CSV differs from the uninterrupted one (seed {seed})");
        Assert.True(expected.SetEquals(resumed));
    }

    [Fact]
    public async Task Running_the_same_command_after_the_job_finished_fetches_nothing_new_and_keeps_the_csv()
    {
        File.WriteAllText(_temp.File("crawlers.json"), "{}");
        var site = new SoundLibrarySite(new SoundCatalogue(40));
        await using var server = await LoopbackServer.StartAsync(site);
        var csv = _temp.File("pairs.csv");
        var first = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2), Crawl(server, csv, _temp.File("job")));
        Assert.True(first.ExitCode == 0, first.Error);
        var before = await File.ReadAllBytesAsync(csv);
        var hits = server.TotalHits;

        var again = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2), Crawl(server, csv, _temp.File("job")));

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(before, await File.ReadAllBytesAsync(csv));
        Assert.True(server.TotalHits - hits <= 1, "only robots.txt may be asked for again");
    }

    private static int RowsSoFar(string path)
    {
        if (!File.Exists(path))
            return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[64 * 1024];
        var count = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
            count += buffer.AsSpan(0, read).Count((byte)'\n');
        return Math.Max(count - 1, 0);
    }
}
