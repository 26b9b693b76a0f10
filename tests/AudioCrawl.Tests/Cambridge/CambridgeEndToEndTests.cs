using System.Text.Json;
using AudioCrawl.SampleSite;
using AudioCrawl.SampleSite.Cambridge;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests.Cambridge;

/// <summary>The cambridge spider through the audiocrawl CLI against a generated mirror of a few hundred entries.</summary>
public sealed class CambridgeEndToEndTests
{
    private const int Entries = 300;

    [Fact]
    public async Task Crawling_the_live_mirror_through_the_cli_reads_the_sitemaps_says_why_and_writes_exactly_the_expected_pairs()
    {
        var mirror = new CambridgeMirror(new CambridgeLexicon(Entries, seed: 42));
        await using var host = await SampleWeb.ServeAsync(mirror);
        using var folder = new TempDirectory();
        var csv = folder.File("cambridge.csv");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await AudioCrawlCli.RunAsync(
            ["crawl", "cambridge", "-o", csv, "--set", $"baseUrl={host.BaseUrl.AbsoluteUri}", "--delay", "0", "--per-host", "8", "--stats", folder.File("stats.json")],
            CliEnvironment.Capture(output, error));

        Assert.True(exit == ExitCodes.Success, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("Cambridge discovery: sitemap (robots.txt disallows /browse/english/", output.ToString() + error, StringComparison.Ordinal);
        var expected = mirror.ExpectedPairs(host.BaseUrl);
        var actual = CsvFile.ReadPairs(csv);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.ToHashSet(), actual.ToHashSet());
        var counters = Counters(folder.File("stats.json"));
        Assert.NotEmpty(mirror.Withdrawn);
        Assert.Equal(Entries - mirror.Withdrawn.Count, counters.GetValueOrDefault("cambridge/entries"));
        Assert.Equal(0, counters.GetValueOrDefault("cambridge/not_found"));
        Assert.True(counters.GetValueOrDefault("sitemap/urls") >= Entries);
    }

    [Fact]
    public async Task Browsing_a_permissive_mirror_through_the_cli_writes_exactly_the_expected_pairs()
    {
        var mirror = new CambridgeMirror(new CambridgeLexicon(Entries, seed: 42), options: CambridgeMirrorOptions.Permissive);
        await using var host = await SampleWeb.ServeAsync(mirror);
        using var folder = new TempDirectory();
        var csv = folder.File("cambridge.csv");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await AudioCrawlCli.RunAsync(
            ["crawl", "cambridge", "-o", csv, "--set", $"baseUrl={host.BaseUrl.AbsoluteUri}", "--delay", "0", "--per-host", "8", "--stats", folder.File("stats.json")],
            CliEnvironment.Capture(output, error));

        Assert.True(exit == ExitCodes.Success, $"exit {exit}\n{output}\n{error}");
        var expected = mirror.ExpectedPairs(host.BaseUrl);
        var actual = CsvFile.ReadPairs(csv);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.ToHashSet(), actual.ToHashSet());
        var counters = Counters(folder.File("stats.json"));
        Assert.Equal(Entries, counters.GetValueOrDefault("cambridge/entries"));
        Assert.Equal(1, counters.GetValueOrDefault("cambridge/not_found"));
        Assert.True(counters.GetValueOrDefault("cambridge/no_audio") > 0);
    }

    [Fact]
    public async Task A_word_list_through_the_cli_process_writes_exactly_the_expected_pairs_and_counts_unknown_words()
    {
        var lexicon = new CambridgeLexicon(Entries, seed: 43);
        var mirror = new CambridgeMirror(lexicon);
        await using var host = await SampleWeb.ServeAsync(mirror);
        using var folder = new TempDirectory();
        var words = lexicon.Entries.Select(e => e.Headword).Reverse().Concat(["notaword", "another missing phrase"]);
        await File.WriteAllLinesAsync(folder.File("words.txt"), words);
        var csv = folder.File("cambridge.csv");

        var result = await AudioCrawlProcess.RunAsync(folder.Path, TimeSpan.FromMinutes(4),
            "crawl", "cambridge", "-o", csv, "--set", $"baseUrl={host.BaseUrl.AbsoluteUri}", "--set", $"wordsFile={folder.File("words.txt")}",
            "--delay", "0", "--per-host", "8", "--stats", folder.File("stats.json"));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        var expected = mirror.ExpectedPairs(host.BaseUrl);
        var actual = await CsvFile.ReadPairsWithPythonAsync(csv);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.ToHashSet(), actual.ToHashSet());
        var counters = Counters(folder.File("stats.json"));
        Assert.Equal(2, counters.GetValueOrDefault("cambridge/not_found"));
        Assert.Equal(Entries - mirror.Withdrawn.Count, counters.GetValueOrDefault("cambridge/entries"));
    }

    private static Dictionary<string, long> Counters(string statsPath)
    {
        using var stats = JsonDocument.Parse(File.ReadAllText(statsPath));
        var counters = stats.RootElement.GetProperty("stats").GetProperty("counters");
        return counters.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
    }
}
