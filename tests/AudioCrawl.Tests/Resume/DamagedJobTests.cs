using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Cli.Tests.Resume;

/// <summary>
/// A job directory whose state files were damaged: the crawl refuses to start (exit 2) with an error naming the
/// file and the way on, and <c>--rebuild-job</c> completes the CSV exactly, without writing a pair twice.
/// </summary>
public sealed class DamagedJobTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly SoundLibrarySite _site = new(new SoundCatalogue(400));
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(_temp.File("crawlers.json"), "{}");
        _server = await LoopbackServer.StartAsync(_site);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private string[] Crawl(params string[] extra) =>
    [
        "crawl", "sounds", "-o", _temp.File("pairs.csv"), "--set", $"baseUrl={_server.BaseUrl}", "--delay", "0", "--per-host", "8",
        "--job-dir", _temp.File("job"), .. extra,
    ];

    /// <summary>A job stopped part-way (max items), so it has rows in the CSV and requests pending.</summary>
    private async Task<IReadOnlyList<(string Url, string Text)>> StartJobAsync()
    {
        var first = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2), Crawl("--set", "maxItems=120"));
        Assert.True(first.ExitCode == 0, first.Error);
        var rows = CsvFile.ReadPairs(_temp.File("pairs.csv"));
        Assert.Equal(120, rows.Count);
        return rows;
    }

    public static TheoryData<string, string, string> Damages => new()
    {
        { "job.json", "{\"Spider\": \"sou", "not valid JSON" },
        { "job.json", "", "not valid JSON" },
        { "frontier.db", "this is not a database, it was overwritten", "not a readable SQLite database" },
        { "pairs.db", "\0\0\0garbage", "not a readable SQLite database" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_damaged_state_file_is_a_named_error_and_rebuild_job_completes_the_csv_exactly(string file, string content, string problem)
    {
        var before = await StartJobAsync();
        var damaged = Path.Combine(_temp.File("job"), file);
        File.Delete(damaged + "-wal");
        File.Delete(damaged + "-shm");
        await File.WriteAllTextAsync(damaged, content);

        var refused = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2), Crawl());

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"{damaged} is damaged: {problem}", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--rebuild-job", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, CsvFile.ReadPairs(_temp.File("pairs.csv")));

        var rebuilt = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2), Crawl("--rebuild-job"));

        Assert.True(rebuilt.ExitCode == 0, rebuilt.Error);
        var rows = CsvFile.ReadPairs(_temp.File("pairs.csv"));
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.True(_site.ExpectedPairs(_server.BaseUrl).ToHashSet().SetEquals(rows));
        Assert.Equal(before, rows.Take(before.Count));
        Assert.Single(Directory.GetDirectories(_temp.File("job"), "damaged-*"));

        var again = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2), Crawl());
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(rows, CsvFile.ReadPairs(_temp.File("pairs.csv")));
    }

    [Fact]
    public async Task Rebuild_job_needs_a_job_dir_and_keeps_the_csv()
    {
        var result = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(1), "crawl", "sounds", "-o", _temp.File("x.csv"), "--rebuild-job");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--rebuild-job needs --job-dir", result.Error, StringComparison.Ordinal);
    }
}
