using System.Text.Json.Nodes;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests;

public sealed class CheckAndSchemaTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Check_accepts_a_valid_file_and_lists_every_problem_of_a_broken_one()
    {
        var good = _temp.File("good.json");
        await File.WriteAllTextAsync(good, """{ "engine": { "delay": 0 }, "spiders": { "catalogue": { "baseUrl": "http://127.0.0.1:9/" } } }""");
        var ok = await Cli.RunAsync("check", "--config", good);
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("OK, 1 spider entries (catalogue)", ok.Output);

        var bad = _temp.File("bad.json");
        await File.WriteAllTextAsync(bad, """{ "engine": { "perHost": "x" }, "spiders": { "catalogue": { "baseUrl": 5, "colour": "red" }, "ghost": { "type": "nope" } } }""");
        var problems = await Cli.RunAsync("check", "--config", bad);
        Assert.Equal(2, problems.ExitCode);
        Assert.Contains("at engine.perHost", problems.Error);
        Assert.Contains("unknown setting 'colour'", problems.Error);
        Assert.Contains("unknown spider type 'nope'", problems.Error);
        Assert.Contains("spiders.catalogue.baseUrl: expected an absolute http(s) URL", problems.Error);
    }

    [Fact]
    public async Task Check_of_a_missing_file_says_so()
    {
        var result = await Cli.RunAsync("check", "--config", _temp.File("absent.json"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such configuration file", result.Error);
    }

    [Fact]
    public async Task The_shipped_crawlers_json_passes_check()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AudioCrawlCli.RunAsync(["check", "--config", Path.Combine(Cli.RepositoryRoot(), "crawlers.json")], CliEnvironment.Capture(output, error));
        Assert.True(code == 0, error.ToString());
    }

    [Fact]
    public async Task The_committed_schema_is_the_one_the_code_generates()
    {
        var generated = _temp.File("schema.json");
        var output = new StringWriter();
        var code = await AudioCrawlCli.RunAsync(["schema", "-o", generated], CliEnvironment.Capture(output, new StringWriter()));
        Assert.Equal(0, code);

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Cli.RepositoryRoot(), "crawlers.schema.json")));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(generated)), committed),
            "crawlers.schema.json is stale: run 'dotnet run --project src/AudioCrawl -- schema -o crawlers.schema.json'");
    }
}
