using System.Text.Json;
using AudioCrawl.Testing;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace AudioCrawl.Tests.Resume;

public sealed class RetryFailedTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Final_failures_go_to_failures_jsonl_and_retry_failed_fetches_just_them()
    {
        var expected = CatalogueSite.Publish(_server, items: 30);
        var down = true;
        foreach (var item in new[] { 7, 21 })
        {
            var html = $"<html><body><p class=\"caption\">{CatalogueSite.Caption(item)}</p><audio src=\"/audio/{item}.mp3\"></audio></body></html>";
            _server.Handle($"/item/{item}", context =>
            {
                context.Response.StatusCode = Volatile.Read(ref down) ? 503 : 200;
                context.Response.ContentType = "text/html";
                return context.Response.WriteAsync(html);
            });
        }
        var config = _temp.File("crawlers.json");
        await File.WriteAllTextAsync(config, $$"""{ "spiders": { "catalogue": { "baseUrl": "{{_server.BaseUrl}}" } } }""");
        var csv = _temp.File("pairs.csv");
        var job = _temp.File("job");
        string[] Crawl(params string[] extra) =>
            ["crawl", "catalogue", "-o", csv, "--config", config, "--delay", "0", "--job-dir", job, "--set", "retries=1", "--set", "retryDelay=0", .. extra];

        var first = await Cli.RunAsync(Crawl());
        var failures = (await File.ReadAllLinesAsync(Path.Combine(job, "failures.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Volatile.Write(ref down, false);
        var hitsBefore = _server.AllHits;
        var retried = await Cli.RunAsync(Crawl("--retry-failed"));

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(28, CsvFile.ReadPairs(csv).Count - 2);
        Assert.Equal(["/item/21", "/item/7"], failures.Select(f => new Uri(f.GetProperty("request").GetProperty("Url").GetString()!).AbsolutePath).Order());
        Assert.All(failures, f => Assert.Equal("http_503", f.GetProperty("reason").GetString()));
        Assert.True(retried.ExitCode == 0, retried.Error);
        var pairs = CsvFile.ReadPairs(csv);
        Assert.Equal(expected.ToHashSet(), pairs.ToHashSet());
        Assert.Equal(expected.Count, pairs.Count);
        var newHits = _server.AllHits.Where(h => h.Value != hitsBefore.GetValueOrDefault(h.Key)).Select(h => h.Key).Order().ToList();
        Assert.Equal(["/item/21", "/item/7", "/robots.txt"], newHits);
        Assert.False(File.Exists(Path.Combine(job, "failures.jsonl")));
    }

    [Fact]
    public async Task Retry_failed_without_a_job_directory_is_a_usage_error()
    {
        var result = await Cli.RunAsync("crawl", "catalogue", "-o", _temp.File("x.csv"), "--retry-failed", "--config", _temp.File("none.json"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--retry-failed needs --job-dir", result.Error);
    }

    [Fact]
    public async Task Overwrite_is_refused_when_the_job_directory_holds_a_job_to_resume()
    {
        CatalogueSite.Publish(_server, items: 3);
        var config = _temp.File("crawlers.json");
        await File.WriteAllTextAsync(config, $$"""{ "spiders": { "catalogue": { "baseUrl": "{{_server.BaseUrl}}" } } }""");
        var csv = _temp.File("pairs.csv");
        var first = await Cli.RunAsync("crawl", "catalogue", "-o", csv, "--config", config, "--delay", "0", "--job-dir", _temp.File("job"));

        var again = await Cli.RunAsync("crawl", "catalogue", "-o", csv, "--config", config, "--delay", "0", "--job-dir", _temp.File("job"), "--overwrite");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("holds a job to resume", again.Error);
        Assert.Equal(3, CsvFile.ReadPairs(csv).Count);
    }
}
