using System.Formats.Tar;
using System.Text.Json;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Crawler.Abstractions.Http;
using Crawler.Core.Engine;
using Sinks.Download;
using Xunit;

namespace AudioCrawl.Tests.Resume;

/// <summary>
/// A job directory whose state files were damaged: the crawl refuses to start (exit 2) with an error naming the
/// file and the way on, and <c>--rebuild-job</c> completes the CSV exactly, without writing a pair twice. The
/// JSON-lines records (failures.jsonl, samples.jsonl): a torn last line is what a kill leaves and is cut without a
/// word; a damaged line before it is damage, named with its number; <c>--rebuild-job</c> — on crawl, run-once and
/// download alike — keeps the readable lines and completes the output exactly.
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
        "--job-dir", Job, .. extra,
    ];

    private string Job => _temp.File("job");

    private string FailureLine(int id) => JsonSerializer.Serialize(new FailureRecord(DateTimeOffset.UnixEpoch, "http_500", "boom", new Request(_server.Url($"/no-such-page/{id}"))));

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

    [Fact]
    public async Task A_damaged_middle_line_of_failures_jsonl_is_a_named_error_and_rebuild_job_keeps_the_readable_lines()
    {
        var before = await StartJobAsync();
        var failures = Path.Combine(Job, FailureLog.FileName);
        await File.WriteAllTextAsync(failures, $"{FailureLine(1)}\n{{\"time\":\"2026-12-01T1\0\0\0\n{FailureLine(3)}\n");

        var refused = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2), Crawl());

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"{failures} is damaged: line 2 is not a failure record", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--rebuild-job", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, CsvFile.ReadPairs(_temp.File("pairs.csv")));

        var rebuilt = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2), Crawl("--rebuild-job", "--retry-failed"));

        Assert.True(rebuilt.ExitCode == 0, rebuilt.Error);
        var rows = CsvFile.ReadPairs(_temp.File("pairs.csv"));
        Assert.Equal(_site.ExpectedPairs(_server.BaseUrl).Count, rows.Count);
        Assert.True(_site.ExpectedPairs(_server.BaseUrl).ToHashSet().SetEquals(rows));
        Assert.Equal(before, rows.Take(before.Count));
        // The two readable failures were scheduled again (and failed again: the pages do not exist).
        Assert.Equal(1, _server.Hits("/no-such-page/1"));
        Assert.Equal(1, _server.Hits("/no-such-page/3"));
        var aside = Assert.Single(Directory.GetDirectories(Job, "damaged-*"));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(aside, FailureLog.FileName)).Length);
    }

    [Fact]
    public async Task A_torn_last_line_of_failures_jsonl_is_cut_and_the_job_resumes_without_a_word()
    {
        var whole = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2), Crawl());
        Assert.True(whole.ExitCode == 0, whole.Error);
        var before = CsvFile.ReadPairs(_temp.File("pairs.csv"));
        var failures = Path.Combine(Job, FailureLog.FileName);
        await File.WriteAllTextAsync(failures, $"{FailureLine(1)}\n{FailureLine(2)[..40]}");

        var resumed = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2), Crawl("--retry-failed", "--allow-empty")); // the one page fetched yields no pair

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.DoesNotContain(FailureLog.FileName, resumed.Error, StringComparison.Ordinal);
        var rows = CsvFile.ReadPairs(_temp.File("pairs.csv"));
        Assert.True(_site.ExpectedPairs(_server.BaseUrl).ToHashSet().SetEquals(rows));
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(before, rows);
        Assert.Equal(1, _server.Hits("/no-such-page/1"));
        Assert.Equal(0, _server.Hits("/no-such-page/2"));
    }

    [Fact]
    public async Task Run_once_refuses_a_damaged_job_and_rebuild_job_completes_the_runs_csv_exactly()
    {
        string[] RunOnce(params string[] extra) =>
            ["run-once", "sounds", "--state-dir", _temp.File("state"), "--config", _temp.File("crawlers.json"), "--set", $"baseUrl={_server.BaseUrl}", "--delay", "0", .. extra];
        var stopped = await Cli.RunAsync(RunOnce("--set", "maxItems=60"));
        Assert.True(stopped.ExitCode == 0, stopped.Error);
        var job = Path.Combine(_temp.File("state"), "sounds", "job");
        var output = Assert.Single(Directory.GetFiles(Path.Combine(_temp.File("state"), "sounds"), "pairs-*.csv"));
        var before = CsvFile.ReadPairs(output);
        Assert.Equal(60, before.Count);
        var frontier = Path.Combine(job, JobDirectory.FrontierFile);
        File.Delete(frontier + "-wal");
        File.Delete(frontier + "-shm");
        await File.WriteAllTextAsync(frontier, "this is not a database, it was overwritten");

        var refused = await Cli.RunAsync(RunOnce());

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"{frontier} is damaged", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--rebuild-job", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, CsvFile.ReadPairs(output));

        var rebuilt = await Cli.RunAsync(RunOnce("--rebuild-job"));

        Assert.True(rebuilt.ExitCode == 0, rebuilt.Error);
        Assert.Equal(output, Assert.Single(Directory.GetFiles(Path.Combine(_temp.File("state"), "sounds"), "pairs-*.csv")));
        var rows = CsvFile.ReadPairs(output);
        Assert.Equal(_site.ExpectedPairs(_server.BaseUrl).Count, rows.Count);
        Assert.True(_site.ExpectedPairs(_server.BaseUrl).ToHashSet().SetEquals(rows));
        Assert.Equal(before, rows.Take(before.Count));
        Assert.False(Directory.Exists(job), "the finished run leaves no job behind");
    }

    [Fact]
    public async Task Download_refuses_a_damaged_sample_record_and_rebuild_job_completes_the_shards_exactly()
    {
        var pairs = _site.ExpectedPairs(_server.BaseUrl).Take(12).ToList();
        var half = Csv("half.csv", pairs.Take(6));
        var all = Csv("all.csv", pairs);
        string[] Download(string csv, params string[] extra) =>
            ["download", csv, "-o", _temp.File("shards"), "--job-dir", Job, "--samples-per-shard", "2", "--transcode-workers", "1", .. extra];
        Directory.CreateDirectory(Job);
        var first = await Cli.RunAsync(Download(half));
        Assert.True(first.ExitCode == 0, first.Error);
        var record = Path.Combine(Job, StatusJournal.JobFileName);
        var lines = File.ReadAllLines(record);
        Assert.True(lines.Length > 3, $"{lines.Length} lines in {record}");
        lines[1] = lines[1][..(lines[1].Length / 2)];
        await File.WriteAllLinesAsync(record, lines);
        var audioBefore = _server.Log.Count(r => r.PathAndQuery.StartsWith("/audio/", StringComparison.Ordinal));

        var refused = await Cli.RunAsync(Download(all));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"{record} is damaged: line 2 is not a status record", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--rebuild-job", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);

        var rebuilt = await Cli.RunAsync(Download(all, "--rebuild-job"));

        Assert.True(rebuilt.ExitCode == 0, rebuilt.Error);
        Assert.Contains("left out 1 damaged lines", rebuilt.Error, StringComparison.Ordinal);
        var keys = await ShardKeysAsync(_temp.File("shards"));
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(pairs.Select(p => SampleKey.Of(p.Url, p.Text)).ToHashSet(), keys.ToHashSet());
        // The six samples packed before were kept, not downloaded again.
        Assert.Equal(6, _server.Log.Count(r => r.PathAndQuery.StartsWith("/audio/", StringComparison.Ordinal)) - audioBefore);
        Assert.Single(Directory.GetDirectories(Job, "damaged-*"));
    }

    private string Csv(string name, IEnumerable<(string Url, string Text)> pairs)
    {
        File.WriteAllLines(_temp.File(name), ["url,text", .. pairs.Select(p => $"{p.Url},\"{p.Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")]);
        return _temp.File(name);
    }

    private static async Task<List<string>> ShardKeysAsync(string folder)
    {
        var keys = new List<string>();
        foreach (var shard in Directory.EnumerateFiles(folder, "*.tar", SearchOption.AllDirectories))
        {
            await using var stream = File.OpenRead(shard);
            await using var reader = new TarReader(stream);
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                if (entry.Name.EndsWith(".flac", StringComparison.Ordinal))
                    keys.Add(entry.Name[..^".flac".Length]);
            }
        }
        return keys;
    }
}
