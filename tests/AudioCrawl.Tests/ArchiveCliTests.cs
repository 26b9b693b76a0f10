using AudioCrawl.SampleSite.Archive;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests;

/// <summary>The archive spider end to end through the CLI against the mock archive.org and LibriVox: CSV and shards.</summary>
public sealed class ArchiveCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ArchiveSite _site = new();

    public ArchiveCliTests() => File.WriteAllText(_temp.File("crawlers.json"), "{}");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Crawls_archive_items_into_csv_and_webdataset_shards_with_the_licence_in_each_sample()
    {
        await using var server = await LoopbackServer.StartAsync(_site);
        var csv = _temp.File("archive.csv");
        var shards = _temp.File("shards");

        var result = await Cli.RunAsync("crawl", "archive", "-o", csv, "--webdataset", shards, "--config", _temp.File("crawlers.json"),
            "--set", $"baseUrl={server.BaseUrl}", "--set", "identifiers=book_003_librivox,book_004_librivox", "--delay", "0");

        Assert.True(result.ExitCode == 0, result.Error);
        var expected = _site.ExpectedPairs(server.BaseUrl).Where(p => p.Url.Contains("book_003", StringComparison.Ordinal) || p.Url.Contains("book_004", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(4, expected.Count);
        var rows = await CsvFile.ReadPairsWithPythonAsync(csv);
        Assert.Equal(expected, rows.ToHashSet());
        Assert.Equal(4, rows.Count);
        var samples = await WebDatasetReader.ReadAllWithPythonAsync(shards);
        Assert.Equal(4, samples.Count);
        Assert.All(samples, s =>
        {
            Assert.Equal("flac", s.AudioExtension);
            Assert.Equal(ArchiveSite.PublicDomainMark, s.Json.GetProperty("original_data").GetProperty("license").GetString());
        });
    }

    [Fact]
    public async Task Crawls_librivox_sections_into_csv()
    {
        await using var server = await LoopbackServer.StartAsync(_site);
        var csv = _temp.File("librivox.csv");

        var result = await Cli.RunAsync("crawl", "archive", "-o", csv, "--config", _temp.File("crawlers.json"),
            "--set", "listing=librivox", "--set", $"libriVoxBaseUrl={server.BaseUrl}", "--set", "queries=^The Owl", "--delay", "0");

        Assert.True(result.ExitCode == 0, result.Error);
        var expected = ArchiveSite.ExpectedPairs(server.BaseUrl, _site.Audiobooks.Where(b => b.Title.StartsWith("The Owl", StringComparison.Ordinal)));
        Assert.Equal(expected.ToHashSet(), (await CsvFile.ReadPairsWithPythonAsync(csv)).ToHashSet());
    }
}
