using System.Text.Json;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests;

public sealed class CrawlCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    private string Config(string json)
    {
        var path = _temp.File("crawlers.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task Crawls_a_fixture_site_end_to_end_into_csv_and_stats()
    {
        var expected = CatalogueSite.Publish(_server, items: 45);
        var csv = _temp.File("pairs.csv");
        var stats = _temp.File("stats.json");
        var config = Config($$"""{ "spiders": { "catalogue": { "baseUrl": "{{_server.BaseUrl}}" } } }""");

        var result = await Cli.RunAsync("crawl", "catalogue", "-o", csv, "--config", config, "--delay", "0", "--per-host", "4", "--stats", stats);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(expected.ToHashSet(), CsvFile.ReadPairs(csv).ToHashSet());
        Assert.Equal(expected.Count, CsvFile.ReadPairs(csv).Count);
        Assert.Equal(expected.ToHashSet(), (await CsvFile.ReadPairsWithPythonAsync(csv)).ToHashSet());
        Assert.All(_server.AllHits, hit => Assert.Equal(1, hit.Value));
        Assert.Contains("catalogue: finished (finished)", result.Output);
        Assert.Contains("items             45", result.Output);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(stats));
        Assert.Equal("finished", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(45, json.RootElement.GetProperty("stats").GetProperty("items").GetInt64());
        Assert.Equal(50, json.RootElement.GetProperty("stats").GetProperty("responsesByStatus").GetProperty("200").GetInt64());
    }

    [Fact]
    public async Task Command_line_settings_override_crawlers_json()
    {
        CatalogueSite.Publish(_server, items: 30);
        var csv = _temp.File("limited.csv");
        var config = Config("""{ "spiders": { "catalogue": { "baseUrl": "http://127.0.0.1:1/", "maxRequests": 1000 } } }""");

        var result = await Cli.RunAsync("crawl", "catalogue", "-o", csv, "--config", config, "--set", $"baseUrl={_server.BaseUrl}", "--max-requests", "6", "--delay", "0", "--concurrency", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(6, _server.Log.Count(r => r.PathAndQuery != "/robots.txt"));
        Assert.Contains("(max_requests)", result.Output);
    }

    [Fact]
    public async Task Lists_spiders_with_their_descriptions()
    {
        var config = Config("""{ "spiders": { "nightly": { "type": "catalogue", "description": "The catalogue, every night." } } }""");
        var result = await Cli.RunAsync("list", "--config", config);

        Assert.Equal(0, result.ExitCode);
        // The name column is as wide as the longest spider name (which grows as spiders are added).
        Assert.Matches(@"(?m)^catalogue +Test spider: a paginated catalogue of items with audio\.", result.Output);
        Assert.Matches(@"(?m)^nightly +The catalogue, every night\. \[catalogue\]", result.Output);
        Assert.Contains("sounds", result.Output);
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "{\n  \"spiders\": {\n    \"catalogue\" {}\n  }\n}", [], "crawlers.json:3:17: invalid JSON" },
        { "{}", ["--set", "baseUrl=not a url"], "--set baseUrl: 'not a url' is not an absolute http or https URL" },
        { "{}", ["--set", "baseUrl=ftp://x.test/"], "is not an absolute http or https URL" },
        { "{}", ["--set", "nonsense=1"], "--set nonsense: unknown setting 'nonsense' for spider 'catalogue'" },
        { "{}", ["--set", "noequals"], "--set noequals: expected key=value" },
        { """{ "spiders": { "catalogue": { "perHost": "four" } } }""", [], "spiders.catalogue.perHost: expected a whole number, got \"four\"" },
        { """{ "engine": { "delay": -1 } }""", [], "delay must be 0 or more seconds" },
        { "{}", ["--concurrency", "zero"], "zero" },
        { "{}", ["--overwrite", "--append"], "--overwrite and --append exclude each other" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_a_clear_error_before_any_request(string configJson, string[] extra, string message)
    {
        CatalogueSite.Publish(_server, items: 5);
        var config = Config(configJson.Replace("BASE", _server.BaseUrl.AbsoluteUri));
        var csv = _temp.File("out.csv");

        var result = await Cli.RunAsync(["crawl", "catalogue", "-o", csv, "--config", config, "--set", $"baseUrl={_server.BaseUrl}", .. extra]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Equal(0, _server.TotalHits);
        Assert.False(File.Exists(csv));
    }

    [Fact]
    public async Task An_unknown_spider_lists_the_known_ones()
    {
        var result = await Cli.RunAsync("crawl", "catalog", "-o", _temp.File("x.csv"), "--config", Config("{}"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown spider 'catalog'. Known spiders: ", result.Error);
        Assert.Contains("catalogue, ", result.Error);
        Assert.Contains("sounds", result.Error);
    }

    [Fact]
    public async Task An_existing_output_is_kept_unless_overwrite_or_append_is_given()
    {
        CatalogueSite.Publish(_server, items: 3);
        var csv = _temp.File("kept.csv");
        await File.WriteAllTextAsync(csv, "url,text\r\nhttps://old.test/a.mp3,old\r\n");
        var config = Config($$"""{ "spiders": { "catalogue": { "baseUrl": "{{_server.BaseUrl}}", "delay": 0 } } }""");

        var refused = await Cli.RunAsync("crawl", "catalogue", "-o", csv, "--config", config);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("exists already", refused.Error);
        Assert.Equal(0, _server.TotalHits);

        var appended = await Cli.RunAsync("crawl", "catalogue", "-o", csv, "--config", config, "--append");
        Assert.Equal(0, appended.ExitCode);
        Assert.Equal(4, CsvFile.ReadPairs(csv).Count);
    }

    [Fact]
    public async Task An_unwritable_output_path_is_a_clear_error_before_any_request()
    {
        CatalogueSite.Publish(_server, items: 3);
        var config = Config($$"""{ "spiders": { "catalogue": { "baseUrl": "{{_server.BaseUrl}}" } } }""");

        var result = await Cli.RunAsync("crawl", "catalogue", "-o", Path.Combine(_temp.Path, "missing", "out.csv"), "--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
        Assert.Equal(0, _server.TotalHits);
    }

    [Fact]
    public async Task Missing_required_options_are_usage_errors()
    {
        var result = await Cli.RunAsync("crawl", "catalogue");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--output", result.Error);
        Assert.Equal(2, (await Cli.RunAsync("fly")).ExitCode);
    }

    [Fact]
    public async Task A_site_that_never_answers_makes_the_crawl_fail_with_exit_code_1()
    {
        var port = _server.BaseUrl.Port;
        await _server.DisposeAsync();
        var config = Config($$"""{ "spiders": { "catalogue": { "baseUrl": "http://127.0.0.1:{{port}}/" } } }""");

        var result = await Cli.RunAsync("crawl", "catalogue", "-o", _temp.File("none.csv"), "--config", config);
        _server = await LoopbackServer.StartAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("none of the 1 requests got a response", result.Error);
        Assert.Equal([], CsvFile.ReadPairs(_temp.File("none.csv")));
    }

    [Fact]
    public async Task Prints_progress_lines_when_not_on_a_terminal()
    {
        CatalogueSite.Publish(_server, items: 20, delayMs: 100);
        var config = Config($$"""{ "spiders": { "catalogue": { "baseUrl": "{{_server.BaseUrl}}", "delay": 0, "perHost": 1, "logInterval": 0.2 } } }""");

        var result = await Cli.RunAsync("crawl", "catalogue", "-o", _temp.File("p.csv"), "--config", config);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"progress: [\d.]+ s, \d+ requests \([\d.]+/s\), \d+ responses, \d+ items, \d+ errors, \d+ queued", result.Error);
    }
}
