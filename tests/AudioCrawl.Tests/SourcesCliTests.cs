using AudioCrawl.SampleSite;
using AudioCrawl.SampleSite.Commons;
using AudioCrawl.SampleSite.Freesound;
using AudioCrawl.SampleSite.XenoCanto;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests;

/// <summary>The API source spiders end to end through the CLI, against their local mocks: url,text CSV and WebDataset shards (real ffmpeg).</summary>
public sealed class SourcesCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public SourcesCliTests() => File.WriteAllText(_temp.File("crawlers.json"), "{}");

    public void Dispose() => _temp.Dispose();

    /// <summary>Crawls into a CSV and shards, checks the CSV row for row and that every sample's JSON carries the licence.</summary>
    private async Task<string> CrawlIntoShardsAsync(string spider, LoopbackServer server, IReadOnlyList<(string Url, string Text)> expected, params string[] settings)
    {
        var csv = _temp.File(spider + ".csv");
        var shards = _temp.File(spider + "-shards");
        var stats = _temp.File(spider + "-stats.json");
        string[] args = ["crawl", spider, "-o", csv, "--webdataset", shards, "--config", _temp.File("crawlers.json"), "--stats", stats,
            "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", .. settings.SelectMany(s => new[] { "--set", s })];

        var result = await Cli.RunAsync(args);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error + result.Output);
        Assert.Equal(expected.Order(), (await CsvFile.ReadPairsWithPythonAsync(csv)).Order());
        var samples = new List<PythonSample>();
        foreach (var shard in Directory.EnumerateFiles(shards, "*.tar", SearchOption.AllDirectories))
            samples.AddRange(await WebDatasetReader.ReadWithPythonAsync(shard));
        Assert.Equal(expected.Count, samples.Count);
        Assert.All(samples, s =>
        {
            Assert.Equal("flac", s.AudioExtension);
            var original = s.Json.GetProperty("original_data");
            Assert.False(string.IsNullOrWhiteSpace(original.GetProperty("license").GetString()));
            Assert.StartsWith(spider == "commons" ? "commons:" : spider == "xenocanto" ? "xc:" : "freesound:", original.GetProperty("source_id").GetString(), StringComparison.Ordinal);
            Assert.Equal(spider, original.GetProperty("spider").GetString());
        });
        return result.Output + result.Error + await File.ReadAllTextAsync(stats);
    }

    [Fact]
    public async Task Lists_the_six_source_spiders()
    {
        var result = await Cli.RunAsync("list", "--config", _temp.File("crawlers.json"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        var listed = result.Output.Split('\n').Select(line => line.Split(' ', 2)[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var spider in new[] { "commons", "xenocanto", "freesound", "archive", "feed", "bbc-sfx" })
            Assert.Contains(spider, listed);
    }

    [Fact]
    public async Task Commons_crawls_a_Lingua_Libre_category_into_csv_and_shards()
    {
        var site = new CommonsApiSite();
        await using var server = await LoopbackServer.StartAsync(site);
        var expected = site.Catalogue.InCategory(CommonsCatalogue.LinguaLibreFrench)
            .Select(f => (CommonsApiSite.FileUrl(server.BaseUrl, f).AbsoluteUri, f.Title.Split('-')[^1][..^4])).ToList();
        expected[expected.FindIndex(e => e.Item2 == "être")] = (expected.Single(e => e.Item2 == "être").Item1, "peut-être");

        var said = await CrawlIntoShardsAsync("commons", server, expected, $"categories={CommonsCatalogue.LinguaLibreFrench}", "pageSize=3");

        Assert.Contains("documented API calls, robots.txt for pages not applied", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xenocanto_crawls_a_query_into_csv_and_shards_and_the_key_appears_nowhere()
    {
        const string key = "xc-cli-secret-0042";
        var site = new XenoCantoApiSite(key);
        await using var server = await LoopbackServer.StartAsync(site);
        var expected = site.Catalogue.Recordings.Where(r => r.Genus == "Erithacus")
            .Select(r => (XenoCantoApiSite.FileUrl(server.BaseUrl, r).AbsoluteUri, $"European Robin (Erithacus rubecula), {r.Type}")).ToList();

        var said = await CrawlIntoShardsAsync("xenocanto", server, expected, "queries=sp:\"Erithacus rubecula\"", $"apiKey={key}");

        Assert.Contains(server.Log, r => r.PathAndQuery.Contains($"key={key}", StringComparison.Ordinal));
        Assert.DoesNotContain(key, said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Freesound_crawls_a_query_into_csv_and_shards_and_the_key_appears_nowhere()
    {
        const string key = "fs-cli-secret-0042";
        var site = new FreesoundApiSite(key);
        await using var server = await LoopbackServer.StartAsync(site);
        var expected = site.Catalogue.Sounds.Where(s => s.Tags.Contains("dog"))
            .Select(s => (FreesoundApiSite.PreviewUrl(server.BaseUrl, s).AbsoluteUri, s.Description.Length > 0 ? s.Description : s.Name)).ToList();

        var said = await CrawlIntoShardsAsync("freesound", server, expected, "queries=dog", $"apiKey={key}");

        Assert.DoesNotContain(key, said, StringComparison.Ordinal);
    }
}
