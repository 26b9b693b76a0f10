using System.Text.Json;
using AudioCrawl.SampleSite.Cambridge;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests;

/// <summary>A site whose markup changed: the crawl fetches pages, finds nothing, says so and exits 4.</summary>
public sealed class FoundNothingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public FoundNothingTests() => File.WriteAllText(_temp.File("crawlers.json"), "{}");

    public void Dispose() => _temp.Dispose();

    private static CambridgeMirror MirrorWithoutPronunciations() => new(new CambridgeLexicon(entryCount: 40)) { EntriesWithoutPronunciations = true };

    [Fact]
    public async Task A_cambridge_mirror_whose_entries_lost_their_pronunciations_warns_naming_ParseEntry_and_exits_4()
    {
        await using var server = await LoopbackServer.StartAsync(MirrorWithoutPronunciations());

        var result = await AudioCrawlProcess.RunAsync(_temp.Path, TimeSpan.FromMinutes(2),
            "crawl", "cambridge", "-o", "pairs.csv", "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", "8", "--stats", "stats.json");

        Assert.True(result.ExitCode == 4, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        var warning = result.Error.Split('\n').Single(line => line.Contains("ParseEntry yielded what its contract declares on none of its", StringComparison.Ordinal) && line.Contains("For example", StringComparison.Ordinal));
        Assert.Contains("The site looks changed; check the spider's selectors", warning, StringComparison.Ordinal);
        Assert.Matches($@"For example {server.BaseUrl}dictionary/english/\S+, {server.BaseUrl}dictionary/english/\S+, {server.BaseUrl}dictionary/english/\S+\.", warning);
        Assert.Contains("error: the crawl finished but found nothing", result.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-empty", result.Error, StringComparison.Ordinal);
        Assert.Contains("cambridge: empty (finished)", result.Output, StringComparison.Ordinal);
        Assert.Contains("FOUND NOTHING", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"ParseEntry +40 of 40 pages \(40 with a counted reason\), e\.g\. http", result.Output);

        using var stats = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("stats.json")));
        Assert.Equal("empty", stats.RootElement.GetProperty("outcome").GetString());
        var nothing = stats.RootElement.GetProperty("foundNothing");
        Assert.True(nothing.GetProperty("noPairs").GetBoolean());
        Assert.Equal(["ParseEntry"], nothing.GetProperty("failedContracts").EnumerateArray().Select(e => e.GetString()));
        var entry = stats.RootElement.GetProperty("contracts").EnumerateArray().Single(c => c.GetProperty("callback").GetString() == "ParseEntry");
        // The live rules close /browse/: the 40 entries come from the sitemaps, each without pronunciations.
        Assert.Equal(40, entry.GetProperty("pages").GetInt64());
        Assert.Equal(40, entry.GetProperty("excused").GetInt64());
        Assert.Equal(40, stats.RootElement.GetProperty("stats").GetProperty("counters").GetProperty("contract/cambridge/ParseEntry/excused").GetInt64());
        Assert.Empty(CsvFile.ReadPairs(_temp.File("pairs.csv")));
    }

    [Fact]
    public async Task Allow_empty_accepts_the_same_crawl_with_exit_0_and_still_reports_it()
    {
        await using var server = await LoopbackServer.StartAsync(MirrorWithoutPronunciations());
        var stats = _temp.File("stats.json");

        var result = await Cli.RunAsync("crawl", "cambridge", "-o", _temp.File("pairs.csv"), "--config", _temp.File("crawlers.json"),
            "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", "8", "--allow-empty", "--stats", stats);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        Assert.Contains("ParseEntry yielded what its contract declares on none of its", result.Error, StringComparison.Ordinal);
        Assert.Contains("cambridge: finished (finished)", result.Output, StringComparison.Ordinal);
        Assert.Contains("(accepted: allowEmpty)", result.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(stats));
        Assert.Equal("finished", json.RootElement.GetProperty("outcome").GetString());
        Assert.NotEqual(JsonValueKind.Null, json.RootElement.GetProperty("foundNothing").ValueKind);
    }

    [Fact]
    public async Task The_intact_cambridge_mirror_meets_every_contract_and_exits_0()
    {
        await using var server = await LoopbackServer.StartAsync(new CambridgeMirror(new CambridgeLexicon(entryCount: 40)));

        var result = await Cli.RunAsync("crawl", "cambridge", "-o", _temp.File("pairs.csv"), "--config", _temp.File("crawlers.json"),
            "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--per-host", "8");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        Assert.DoesNotContain("contract", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("FOUND NOTHING", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sound_library_whose_category_pages_lost_their_links_exits_4_naming_ParseCategory()
    {
        await using var server = await LoopbackServer.StartAsync(new SoundLibrarySite(new SoundCatalogue(80)) { CategoriesWithoutLinks = true });

        var result = await Cli.RunAsync("crawl", "sounds", "-o", _temp.File("pairs.csv"), "--config", _temp.File("crawlers.json"),
            "--set", $"baseUrl={server.BaseUrl}", "--delay", "0", "--set", "contractWarnAfter=4");

        Assert.True(result.ExitCode == 4, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        Assert.Contains("ParseCategory yielded nothing on 4 of 4 pages", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{server.BaseUrl}category/", result.Error, StringComparison.Ordinal);
        Assert.Contains("FOUND NOTHING     fetched 5 pages but yielded no pair; ParseCategory yielded nothing on 4 of 4 pages.", result.Output, StringComparison.Ordinal);
    }
}
