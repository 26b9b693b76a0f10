using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Politeness;
using Crawler.Core.Spiders;
using Crawler.Core.Tests.Engine;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Crawler.Core.Tests.Politeness;

public sealed class ApiCallRobotsTests : IAsyncLifetime
{
    private const string Key = "s3cr3t-KEY-4711";
    private static readonly SpiderRegistry Registry = new([typeof(ApiCallSpider).Assembly]);
    private readonly CapturedLogs _logs = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync();
        // Wikimedia's shape: the API lives under /w/, which robots.txt closes to every crawler.
        _server.Robots("User-agent: *\nDisallow: /w/\n");
        foreach (var path in new[] { "/w/api.php", "/w/index.php" })
            _server.Handle(path, context => context.Response.WriteAsync("{}"));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CrawlPlan Plan(IEnumerable<string> api, IEnumerable<string> pages, params (string Key, string Value)[] settings)
    {
        var overrides = settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)).ToList();
        overrides.Add(new("apiUrls", string.Join(',', api.Select(p => _server.Url(p).AbsoluteUri))));
        overrides.Add(new("pageUrls", string.Join(',', pages.Select(p => _server.Url(p).AbsoluteUri))));
        overrides.Add(new("delay", "0"));
        overrides.Add(new("retryDelay", "0"));
        return new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("api-calls", overrides);
    }

    private int Hits(string path) => _server.Log.Count(r => r.PathAndQuery.Split('?')[0] == path);

    private Task<CrawlResult> RunAsync(CrawlPlan plan, FailureLog? failures = null) =>
        TestCrawl.RunAsync(plan, [new RecordingSink()], host =>
        {
            if (failures is not null)
                host.AddFailureLog(failures);
        }, _logs);

    [Fact]
    public async Task An_API_call_to_a_path_robots_txt_disallows_is_fetched_and_an_unmarked_request_there_is_dropped()
    {
        var result = await RunAsync(Plan(["/w/api.php?action=query&list=a", "/w/api.php?action=query&list=b"], ["/w/index.php?title=A"]));

        Assert.Equal(2, Hits("/w/api.php"));
        Assert.Equal(0, Hits("/w/index.php"));
        Assert.Equal(1, result.Stats.RequestsDroppedByReason[RobotsTxtFetcher.DropReason]);
        var notice = Assert.Single(_logs.Entries, e => e.Message.Contains("documented API calls", StringComparison.Ordinal));
        Assert.Equal($"{_server.BaseUrl.Authority}: documented API calls, robots.txt for pages not applied (obeyRobotsTxt=strict to apply it)", notice.Message);
    }

    [Fact]
    public async Task With_obeyRobotsTxt_strict_an_API_call_robots_txt_disallows_is_dropped_as_robots()
    {
        var result = await RunAsync(Plan(["/w/api.php?action=query"], [], ("obeyRobotsTxt", "strict")));

        Assert.Equal(0, Hits("/w/api.php"));
        Assert.Equal(1, result.Stats.RequestsDroppedByReason[RobotsTxtFetcher.DropReason]);
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains("documented API calls", StringComparison.Ordinal));
    }

    [Fact]
    public async Task API_calls_keep_the_per_host_concurrency_limit()
    {
        _server.Latency = TimeSpan.FromMilliseconds(100);
        var api = Enumerable.Range(0, 6).Select(i => $"/w/api.php?page={i}").ToList();

        await RunAsync(Plan(api, [], ("perHost", "1"), ("concurrency", "8")));

        Assert.Equal(6, Hits("/w/api.php"));
        Assert.Equal(1, _server.PeakConcurrency(_server.BaseUrl.Host));
    }

    [Fact]
    public async Task A_key_sent_as_a_query_parameter_reaches_the_API_but_no_log_line_failure_record_or_stats()
    {
        _server.Handle("/w/api.php", context =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsync($"internal error for {context.Request.QueryString}");
        });
        using var temp = new TempDirectory();
        var failures = new FailureLog(temp.File(FailureLog.FileName), TimeProvider.System);

        CrawlResult result;
        await using (failures)
            result = await RunAsync(Plan(["/w/api.php?action=query"], [], ("key", Key), ("retries", "1")), failures);

        Assert.All(_server.Log.Where(r => r.PathAndQuery.StartsWith("/w/api.php", StringComparison.Ordinal)), r => Assert.Equal($"/w/api.php?action=query&key={Key}", r.PathAndQuery));
        Assert.Equal(2, Hits("/w/api.php"));
        var recorded = Assert.Single(await FailureLog.ReadAsync(failures.Path));
        Assert.Equal(_server.Url("/w/api.php?action=query"), recorded.Request.Url);
        Assert.DoesNotContain(Key, await File.ReadAllTextAsync(failures.Path), StringComparison.Ordinal);
        Assert.NotEmpty(_logs.Entries);
        Assert.DoesNotContain(Key, _logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, System.Text.Json.JsonSerializer.Serialize(result.Stats), StringComparison.Ordinal);
    }
}
