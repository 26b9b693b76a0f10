using System.Text.Json;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests.Resume;

/// <summary>
/// The real CLI writing its CSV to a small tmpfs (a real ENOSPC): no torn row, counts that match the file, exit 1
/// with the file and "disk full" named, and a resume on the freed disk that completes the CSV exactly.
/// </summary>
public sealed class FullDiskTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly SoundLibrarySite _site = new(new SoundCatalogue(3000));
    private LoopbackServer _server = null!;
    private HashSet<(string Url, string Text)> _expected = [];

    public async Task InitializeAsync()
    {
        File.WriteAllText(_temp.File("crawlers.json"), "{}");
        _server = await LoopbackServer.StartAsync(_site);
        _expected = _site.ExpectedPairs(_server.BaseUrl).ToHashSet();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private string[] Crawl(string csv, string jobDir) =>
    [
        "crawl", "sounds", "-o", csv, "--set", $"baseUrl={_server.BaseUrl}", "--delay", "0", "--per-host", "8", "--concurrency", "8",
        "--job-dir", jobDir, "--stats", _temp.File("stats.json"),
    ];

    private void AssertComplete(IReadOnlyList<(string Url, string Text)> final)
    {
        Assert.Equal(final.Count, final.Distinct().Count());
        Assert.True(_expected.SetEquals(final), $"{final.Count} rows, {_expected.Count} expected");
    }

    [Fact]
    public async Task A_full_disk_under_the_csv_stops_the_crawl_with_whole_rows_true_counts_and_a_resume_completes_it()
    {
        if (TmpfsMount.Unavailable)
            return;
        using var disk = TmpfsMount.Mount(_temp.File("disk"), 64);
        var csv = Path.Combine(disk.Path, "pairs.csv");
        string[] args = Crawl(csv, _temp.File("job"));

        var full = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(3), args);

        Assert.True(full.ExitCode == 1, $"exit {full.ExitCode}: {full.Error}");
        Assert.Contains($"{csv}: disk full", full.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", full.Error, StringComparison.Ordinal);
        var rows = CsvFile.ReadPairs(csv);
        Assert.Equal(rows, await CsvFile.ReadPairsWithPythonAsync(csv));
        Assert.EndsWith("\r\n", File.ReadAllText(csv), StringComparison.Ordinal);
        Assert.InRange(rows.Count, 1, _expected.Count - 1);
        Assert.Equal(rows.Count, ItemsIn(_temp.File("stats.json")));
        Assert.Contains($"items             {rows.Count} ->", full.Output, StringComparison.Ordinal);
        // It stopped when the disk filled instead of crawling the rest of the site for nothing.
        Assert.True(_server.TotalHits < _expected.Count, $"{_server.TotalHits} requests for {rows.Count} rows");

        disk.Resize(16 * 1024);
        var resumed = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(3), args);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var final = CsvFile.ReadPairs(csv);
        AssertComplete(final);
        Assert.Equal(rows, final.Take(rows.Count));
    }

    [Fact]
    public async Task A_full_disk_under_the_job_directory_stops_the_crawl_and_a_resume_on_the_freed_disk_completes_the_csv()
    {
        if (TmpfsMount.Unavailable)
            return;
        using var disk = TmpfsMount.Mount(_temp.File("disk"), 320);
        var csv = _temp.File("pairs.csv");
        string[] args = Crawl(csv, Path.Combine(disk.Path, "job"));

        var full = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(3), args);

        Assert.True(full.ExitCode == 1, $"exit {full.ExitCode}: {full.Error}");
        Assert.Contains(disk.Path, full.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", full.Error, StringComparison.Ordinal);
        var rows = CsvFile.ReadPairs(csv);
        Assert.Equal(rows.Count, ItemsIn(_temp.File("stats.json")));

        disk.Resize(32 * 1024);
        var resumed = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(3), args);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        AssertComplete(CsvFile.ReadPairs(csv));
    }

    private static long ItemsIn(string statsPath)
    {
        using var stats = JsonDocument.Parse(File.ReadAllText(statsPath));
        return FindItems(stats.RootElement) ?? throw new InvalidOperationException($"no items count in {statsPath}");
    }

    private static long? FindItems(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return null;
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, "items", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Number)
                return property.Value.GetInt64();
            if (FindItems(property.Value) is { } nested)
                return nested;
        }
        return null;
    }
}
