using System.Text.Json;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Xunit;
using CliRunner = AudioCrawl.Tests.Cli;

namespace AudioCrawl.Tests.Hosting;

/// <summary>crawlers.json's <c>sinks</c>: named sinks, built-in or from another assembly, for some spiders or all.</summary>
public sealed class ConfiguredSinkTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Config(string sinks)
    {
        var path = _temp.File("crawlers.json");
        File.WriteAllText(path, $$"""{ "engine": { "delay": 0 }, "sinks": {{sinks}} }""");
        return path;
    }

    [Fact]
    public async Task A_user_sink_named_in_crawlers_json_receives_every_pair_and_a_csv_sink_writes_them_too()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(30));
        await using var server = await LoopbackServer.StartAsync(site);
        var lines = _temp.File("pairs.jsonl");
        var copy = _temp.File("copy-{spider}.csv");
        var config = Config($$"""
            {
              "lines": { "type": "jsonl", "path": {{JsonSerializer.Serialize(lines)}} },
              "csv": { "path": {{JsonSerializer.Serialize(copy)}}, "spiders": ["sounds"] },
              "elsewhere": { "type": "jsonl", "path": {{JsonSerializer.Serialize(_temp.File("never.jsonl"))}}, "spiders": ["another"] }
            }
            """);

        var result = await CliRunner.RunAsync("crawl", "sounds", "-o", _temp.File("pairs.csv"), "--config", config, "--set", $"baseUrl={server.BaseUrl}");

        Assert.True(result.ExitCode == ExitCodes.Success, result.Output + result.Error);
        var expected = site.ExpectedPairs(server.BaseUrl).ToHashSet();
        var written = File.ReadAllLines(lines).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(expected.Count, written.Count);
        Assert.Equal(expected, written.Select(e => (e.GetProperty("url").GetString()!, e.GetProperty("text").GetString()!)).ToHashSet());
        Assert.All(written, e => Assert.Equal("sounds", e.GetProperty("spider").GetString()));
        Assert.Equal(expected, CsvFile.ReadPairs(_temp.File("copy-sounds.csv")).ToHashSet());
        Assert.Equal(CsvFile.ReadPairs(_temp.File("pairs.csv")).ToHashSet(), expected);
        Assert.False(File.Exists(_temp.File("never.jsonl")));
    }

    [Theory]
    [InlineData("""{ "out": { "type": "parquet-of-dreams" } }""", "unknown sink type 'parquet-of-dreams'")]
    [InlineData("""{ "csv": { "paht": "x.csv" } }""", "paht")]
    [InlineData("""{ "csv": { } }""", "path must name the CSV")]
    public async Task A_bad_sink_entry_is_an_error_naming_it_before_any_request(string sinks, string message)
    {
        await using var server = await LoopbackServer.StartAsync(new SoundLibrarySite(new SoundCatalogue(5)));

        var result = await CliRunner.RunAsync("crawl", "sounds", "-o", _temp.File("pairs.csv"), "--config", Config(sinks), "--set", $"baseUrl={server.BaseUrl}");

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.Contains("sinks.", result.Error);
        Assert.Contains(message, result.Error);
        Assert.Equal(0, server.TotalHits);
    }

    [Fact]
    public async Task A_sink_from_an_assembly_given_with_plugin_is_listed_and_in_the_schema()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var schema = _temp.File("schema.json");

        var list = await AudioCrawlCli.RunAsync(["list", "--sinks", "--plugin", typeof(JsonLinesSink).Assembly.Location, "--config", Config("{}")], CliEnvironment.Capture(output, error));
        var generated = await AudioCrawlCli.RunAsync(["schema", "-o", schema, "--plugin", typeof(JsonLinesSink).Assembly.Location], CliEnvironment.Capture(new StringWriter(), error));
        var without = new StringWriter();
        await AudioCrawlCli.RunAsync(["list", "--sinks", "--config", Config("{}")], CliEnvironment.Capture(without, new StringWriter()));

        Assert.True(list == ExitCodes.Success && generated == ExitCodes.Success, error.ToString());
        Assert.Matches(@"jsonl\s+One JSON object per pair", output.ToString());
        Assert.DoesNotContain("jsonl", without.ToString());
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(schema));
        Assert.True(document.RootElement.GetProperty("properties").GetProperty("sinks").GetProperty("properties").TryGetProperty("jsonl", out _));
    }

    [Fact]
    public async Task A_plugin_path_that_is_no_file_is_a_usage_error_naming_it()
    {
        var result = await CliRunner.RunAsync("list", "--plugin", _temp.File("missing.dll"));

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.Contains("--plugin", result.Error);
        Assert.Contains("missing.dll: no such file", result.Error);
    }

    [Fact]
    public async Task List_sinks_shows_the_built_in_and_the_plugin_sink_types()
    {
        var result = await CliRunner.RunAsync("list", "--sinks", "--config", Config("{}"));

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("csv ", result.Output);
        Assert.Matches(@"jsonl\s+One JSON object per pair", result.Output);
    }
}
