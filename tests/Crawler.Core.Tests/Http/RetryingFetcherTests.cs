using AudioCrawl.Testing;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Core.Hosting;
using Crawler.Core.Http;
using Crawler.Core.Politeness;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Crawler.Core.Tests.Http;

public sealed class RetryingFetcherTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;
    private HttpFetcher _http = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync();
        // Short enough for the 3-second delay routes to time out, long enough that a first request on a busy
        // machine (server start, JIT, connection) is not mistaken for one: 0.5 s made the 500-then-200 test flaky.
        _http = new HttpFetcher(HttpFetcherOptions.From(new EngineSettings { RequestTimeout = 1.5 }));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private RetryingFetcher Retrying(TimeProvider time, int retries = 3, double breakSeconds = 0, List<(string Reason, TimeSpan Wait)>? retriesSeen = null) =>
        new(new PoliteFetcher(_http, new HostSlots(new PolitenessOptions { Delay = TimeSpan.Zero, PerHost = 4 }, time), time),
            new RetryOptions { Retries = retries, Delay = TimeSpan.Zero, BreakDuration = TimeSpan.FromSeconds(breakSeconds) },
            time,
            (_, reason, wait) => { lock (retriesSeen ?? []) retriesSeen?.Add((reason, wait)); });

    /// <summary>Lets real I/O run while the fake clock is moved on, until the task ends.</summary>
    private static async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task, FakeTimeProvider clock, TimeSpan step)
    {
        for (var i = 0; i < 2000 && !task.IsCompleted; i++)
        {
            await Task.WhenAny(task, Task.Delay(10));
            if (!task.IsCompleted)
                clock.Advance(step);
        }
        return await task;
    }

    [Fact]
    public async Task Retries_a_500_and_returns_the_200_that_follows()
    {
        var seen = new List<(string, TimeSpan)>();
        await using var fetcher = Retrying(TimeProvider.System, retriesSeen: seen);

        var response = await fetcher.FetchAsync(new Request(_server.Url("/flaky/a/2")));

        Assert.Equal(200, response.Status);
        Assert.Equal(3, _server.Hits("/flaky/a/2"));
        Assert.Equal(["http_500", "http_500"], seen.Select(s => s.Item1));
    }

    [Fact]
    public async Task Retries_a_429_after_its_Retry_After_and_other_hosts_are_not_slowed()
    {
        var hits = 0;
        _server.Handle("/busy", context =>
        {
            if (Interlocked.Increment(ref hits) == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "2";
                return context.Response.WriteAsync("slow down");
            }
            return context.Response.WriteAsync("<p>ok</p>");
        });
        _server.Page("/other", "<p>other</p>");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var seen = new List<(string Reason, TimeSpan Wait)>();
        await using var fetcher = Retrying(clock, retriesSeen: seen);

        var busy = fetcher.FetchAsync(new Request(_server.Url("/busy"))).AsTask();
        while (seen.Count == 0)
            await Task.WhenAny(busy, Task.Delay(10));
        var other = await fetcher.FetchAsync(new Request(new Uri(_server.SecondHostUrl, "/other")));
        Assert.False(busy.IsCompleted);
        var response = await AdvanceUntilDoneAsync(busy, clock, TimeSpan.FromMilliseconds(500));

        Assert.Equal(200, other.Status);
        Assert.Equal(200, response.Status);
        Assert.Equal(2, hits);
        Assert.Equal(("http_429", TimeSpan.FromSeconds(2)), Assert.Single(seen));
    }

    [Fact]
    public async Task Gives_up_after_the_last_attempt_and_returns_the_last_error_status()
    {
        await using var fetcher = Retrying(TimeProvider.System, retries: 2);

        var response = await fetcher.FetchAsync(new Request(_server.Url("/status/503")));

        Assert.Equal(503, response.Status);
        Assert.Equal(3, _server.Hits("/status/503"));
    }

    [Theory]
    [InlineData("/status/404")]
    [InlineData("/status/403")]
    public async Task Does_not_retry_statuses_that_will_not_change(string path)
    {
        await using var fetcher = Retrying(TimeProvider.System);
        await fetcher.FetchAsync(new Request(_server.Url(path)));
        Assert.Equal(1, _server.Hits(path));
    }

    [Theory]
    [InlineData("/drop", FetchErrorKinds.Connection)]
    [InlineData("/partial", FetchErrorKinds.Connection)]
    [InlineData("/delay/3000", FetchErrorKinds.Timeout)]
    [InlineData("/slow-body/3000", FetchErrorKinds.Timeout)]
    public async Task Retries_network_faults_and_timeouts_then_reports_the_last(string path, string kind)
    {
        await using var fetcher = Retrying(TimeProvider.System, retries: 1);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(_server.Url(path))).AsTask());

        Assert.Equal(kind, error.Kind);
        Assert.Equal(2, _server.Hits(path));
    }

    [Fact]
    public async Task Does_not_retry_a_body_over_the_size_limit()
    {
        using var small = new HttpFetcher(HttpFetcherOptions.From(new EngineSettings { MaxBodyBytes = 1000 }));
        await using var fetcher = new RetryingFetcher(small, new RetryOptions { Delay = TimeSpan.Zero }, TimeProvider.System);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(_server.Url("/large/5000"))).AsTask());

        Assert.Equal(FetchErrorKinds.TooLarge, error.Kind);
        Assert.Equal(1, _server.Hits("/large/5000"));
    }

    [Fact]
    public async Task The_circuit_breaker_pauses_a_host_that_keeps_failing_and_not_the_others()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fetcher = Retrying(clock, retries: 0, breakSeconds: 30);
        _server.Page("/fine", "<p>fine</p>");

        for (var i = 0; i < 10; i++)
            Assert.Equal(500, (await fetcher.FetchAsync(new Request(_server.Url($"/status/500?i={i}")))).Status);
        var broken = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Request(_server.Url("/status/500?i=10"))).AsTask());
        var otherHost = await fetcher.FetchAsync(new Request(new Uri(_server.SecondHostUrl, "/fine")));
        clock.Advance(TimeSpan.FromSeconds(31));
        var afterBreak = await fetcher.FetchAsync(new Request(_server.Url("/fine")));

        Assert.Equal(RetryingFetcher.CircuitOpenKind, broken.Kind);
        Assert.Equal(0, _server.Hits("/status/500?i=10"));
        Assert.Equal(200, otherHost.Status);
        Assert.Equal(200, afterBreak.Status);
    }

    [Fact]
    public async Task The_crawl_pipeline_counts_retries_by_reason()
    {
        await using var host = new CrawlHostBuilder(new EngineSettings { RetryDelay = 0, Delay = 0, ObeyRobotsTxt = false }, NullLoggerFactory.Instance, TimeProvider.System).AddHttpFetcher().Build();

        await host.Fetch.FetchAsync(new Request(_server.Url("/flaky/b/1")));

        var counters = host.Stats.Custom.Snapshot();
        Assert.True(counters.TryGetValue("retry/http_500", out var retries) && retries == 1, "counters: " + string.Join(", ", counters.Select(c => $"{c.Key}={c.Value}")) + "; hits: " + string.Join(", ", _server.AllHits.Select(h => $"{h.Key}={h.Value}")));
    }
}
