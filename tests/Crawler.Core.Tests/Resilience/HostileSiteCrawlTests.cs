using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Crawler.Core.Tests.Engine;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Crawler.Core.Tests.Resilience;

public sealed class HostileSiteCrawlTests : IAsyncLifetime, IDisposable
{
    private static readonly SpiderRegistry Registry = new([typeof(LinkSpider).Assembly]);
    private readonly TempDirectory _temp = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    private static CrawlPlan Plan(Uri start, params (string Key, string Value)[] settings)
    {
        var overrides = settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)).ToList();
        overrides.Add(new("startUrls", start.AbsoluteUri));
        overrides.Add(new("delay", "0"));
        overrides.Add(new("retryDelay", "0"));
        overrides.Add(new("retries", "1"));
        return new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("links", overrides);
    }

    private void Page(string path, string body, string? robotsHeader = null, string contentType = "text/html; charset=utf-8") =>
        _server.Handle(path, context =>
        {
            if (robotsHeader is not null)
                context.Response.Headers["X-Robots-Tag"] = robotsHeader;
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync(body);
        });

    private void HostileSite()
    {
        _server.Page("/", string.Concat(new[] { "/fine", "/noai-header", "/noindex-meta", "/other-bot", "/our-bot", "/binary", "/status/503", "/redirect-loop", "/drop", "/large/3000000", "/broken-json" }
            .Select(p => $"<a href=\"{p}\">x</a>")) + "<h1>home</h1>");
        Page("/fine", "<h1>fine</h1><audio src=\"/fine.wav\"></audio>");
        Page("/noai-header", "<h1>no ai</h1><audio src=\"/noai.wav\"></audio>", robotsHeader: "noai");
        Page("/noindex-meta", "<html><head><meta name=\"robots\" content=\"nofollow, NoIndex\"></head><body><h1>meta</h1><audio src=\"/meta.wav\"></audio></body></html>");
        Page("/other-bot", "<h1>other bot</h1><audio src=\"/other.wav\"></audio>", robotsHeader: "googlebot: noai");
        Page("/our-bot", "<h1>our bot</h1><audio src=\"/ours.wav\"></audio>", robotsHeader: "AudioCrawl: noindex");
        Page("/binary", "RIFF....WAVE<h1>not html</h1><audio src=\"/binary.wav\"></audio>", contentType: "audio/wav");
        Page("/broken-json", "{\"title\": \"cut", contentType: "application/json");
    }

    [Fact]
    public async Task A_hostile_site_ends_in_counted_failures_and_opt_outs_and_the_crawl_goes_on()
    {
        HostileSite();
        var sink = new RecordingSink();
        var failures = new FailureLog(_temp.File("failures.jsonl"), TimeProvider.System);

        var result = await TestCrawl.RunAsync(Plan(_server.BaseUrl, ("maxBodyBytes", "1000000")), [sink], host => host.AddFailureLog(failures));
        await failures.DisposeAsync();

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Equal(["/fine.wav", "/other.wav"], sink.Pairs.Select(p => p.Url.AbsolutePath).Order());
        Assert.Equal(3, result.Stats.ItemsDroppedByReason["opt_out"]);
        Assert.Equal(1, result.Stats.ErrorsByKind["binary_content"]);
        Assert.Equal(1, result.Stats.ErrorsByKind["http_503"]);
        Assert.Equal(1, result.Stats.ErrorsByKind["redirect_loop"]);
        Assert.Equal(1, result.Stats.ErrorsByKind["connection"]);
        Assert.Equal(1, result.Stats.ErrorsByKind["too_large"]);
        Assert.Equal(2, _server.Hits("/status/503"));
        Assert.Equal(2, _server.Hits("/drop"));
        Assert.Equal(1, _server.Hits("/large/3000000"));
        var recorded = await FailureLog.ReadAsync(_temp.File("failures.jsonl"));
        Assert.Equal(["connection", "http_503", "redirect_loop", "too_large"], recorded.Select(r => r.Reason).Order());
        Assert.All(recorded, r => Assert.Equal("Parse", r.Request.Callback));
    }

    [Fact]
    public async Task Opt_out_directives_can_be_turned_off()
    {
        HostileSite();
        var sink = new RecordingSink();

        await TestCrawl.RunAsync(Plan(_server.BaseUrl, ("optOutDirectives", "")), [sink]);

        Assert.Contains(sink.Pairs, p => p.Url.AbsolutePath == "/noai.wav");
        Assert.Contains(sink.Pairs, p => p.Url.AbsolutePath == "/meta.wav");
    }
}
