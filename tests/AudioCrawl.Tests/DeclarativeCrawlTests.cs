using AudioCrawl.SampleSite.Podcast;
using AudioCrawl.SampleSite.TestSites.Scripted;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests;

/// <summary>Declarative spiders from a test crawlers.json, crawled by the CLI with the HTTP fetcher and with the real Chromium.</summary>
public sealed class DeclarativeCrawlTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("http")]
    [InlineData("browser")]
    public async Task Crawls_the_paginated_podcast_site_to_the_exact_expected_csv(string fetcher)
    {
        var site = new PodcastSite();
        await using var server = await LoopbackServer.StartAsync(site);
        var csv = _temp.File($"podcast-{fetcher}.csv");

        var result = await Cli.RunAsync("crawl", "podcast", "-o", csv, "--config", DeclarativeFixtures.ConfigPath,
            "--set", $"baseUrl={server.BaseUrl}", "--set", $"fetcher={fetcher}", "--concurrency", "1");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(DeclarativeFixtures.Csv(site.ExpectedPairs(server.BaseUrl)), await File.ReadAllTextAsync(csv));
        Assert.Equal(1, server.Hits("/page/5/"));
        Assert.Equal(fetcher == "browser", result.Error.Contains("Started /usr/bin/chromium", StringComparison.Ordinal));
        Assert.Equal(0, server.AllHits.Keys.Count(path => path.StartsWith("/wp-content/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_browser_finds_every_pair_of_a_script_rendered_list_where_http_finds_none()
    {
        var site = new ScriptedSite();
        await using var server = await LoopbackServer.StartAsync(site);
        var overHttp = _temp.File("http.csv");
        var inBrowser = _temp.File("browser.csv");

        var http = await Cli.RunAsync("crawl", "scripted-library", "-o", overHttp, "--config", DeclarativeFixtures.ConfigPath, "--set", $"baseUrl={server.BaseUrl}");
        var browser = await Cli.RunAsync("crawl", "scripted-library", "-o", inBrowser, "--config", DeclarativeFixtures.ConfigPath, "--set", $"baseUrl={server.BaseUrl}", "--set", "fetcher=browser");

        // Over HTTP the page has no list at all: the crawl says it found nothing and exits 4.
        Assert.True(http.ExitCode == ExitCodes.FoundNothing, http.Error);
        Assert.Contains("found nothing", http.Error, StringComparison.Ordinal);
        Assert.True(browser.ExitCode == 0, browser.Error);
        Assert.Empty(CsvFile.ReadPairs(overHttp));
        Assert.Equal(site.ExpectedPairs(server.BaseUrl), CsvFile.ReadPairs(inBrowser));
        Assert.Equal(0, server.AllHits.Keys.Count(path => path.StartsWith("/files/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Yields_audio_that_only_appears_as_a_network_request()
    {
        var site = new ScriptedSite();
        await using var server = await LoopbackServer.StartAsync(site);
        var csv = _temp.File("player.csv");

        var result = await Cli.RunAsync("crawl", "scripted-player", "-o", csv, "--config", DeclarativeFixtures.ConfigPath, "--set", $"baseUrl={server.BaseUrl}");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var expected = Enumerable.Range(1, 3)
            .SelectMany(id => ScriptedSite.PlayerAudio(server.BaseUrl, id).Select(url => (url.AbsoluteUri, site.Sounds[id - 1].Name)))
            .ToHashSet();
        Assert.Equal(expected, CsvFile.ReadPairs(csv).ToHashSet());
        Assert.Equal(6, CsvFile.ReadPairs(csv).Count);
    }
}
