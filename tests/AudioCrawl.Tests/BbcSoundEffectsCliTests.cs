using AudioCrawl.SampleSite.BbcSoundEffects;
using AudioCrawl.Testing;
using Crawlers.BbcSoundEffects;
using Xunit;

namespace AudioCrawl.Tests;

/// <summary>The bbc-sfx spider end to end through the CLI against the mock search API and media host: CSV and shards.</summary>
public sealed class BbcSoundEffectsCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly BbcSoundEffectsSite _site = new();

    public BbcSoundEffectsCliTests() => File.WriteAllText(_temp.File("crawlers.json"), "{}");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Crawls_effects_into_csv_and_webdataset_shards_with_the_remarc_licence_in_each_sample()
    {
        await using var server = await LoopbackServer.StartAsync(_site);
        var csv = _temp.File("bbc.csv");
        var shards = _temp.File("shards");

        var result = await Cli.RunAsync("crawl", "bbc-sfx", "-o", csv, "--webdataset", shards, "--config", _temp.File("crawlers.json"),
            "--set", $"apiBaseUrl={server.BaseUrl}", "--set", $"mediaBaseUrl={server.BaseUrl}", "--set", "queries=kettle", "--delay", "0");

        Assert.True(result.ExitCode == 0, result.Error);
        var expected = BbcSoundEffectsSite.ExpectedPairs(server.BaseUrl, _site.Matching("kettle", null)).ToHashSet();
        var rows = await CsvFile.ReadPairsWithPythonAsync(csv);
        Assert.Equal(expected, rows.ToHashSet());
        Assert.Equal(expected.Count, rows.Count);
        var samples = await WebDatasetReader.ReadAllWithPythonAsync(shards);
        Assert.Equal(expected.Count, samples.Count);
        Assert.All(samples, s =>
        {
            Assert.Equal("flac", s.AudioExtension);
            Assert.Equal(BbcSoundEffectsSpider.License, s.Json.GetProperty("original_data").GetProperty("license").GetString());
        });
    }
}
