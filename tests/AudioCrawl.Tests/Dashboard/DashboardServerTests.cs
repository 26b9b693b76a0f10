using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Crawler.Core.Configuration;
using Crawler.Core.Live;
using Crawler.Core.Runs;
using Xunit;

namespace AudioCrawl.Tests.Dashboard;

/// <summary>audiocrawl serve's endpoints against real crawls of the loopback sound library.</summary>
public sealed class DashboardServerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task Lists_a_finished_job_with_the_final_stats_of_the_crawl_and_its_failure()
    {
        await using var site = await DashboardSite.StartAsync(sounds: 40, TimeSpan.Zero);
        var crawl = await Cli.RunAsync(site.CrawlArguments(perHost: 4));
        Assert.True(crawl.ExitCode == 0, crawl.Error);
        await using var server = await site.ServeAsync();

        using var runs = JsonDocument.Parse(await Http.GetStringAsync(new Uri(server.BaseUrl, "api/runs")));
        var job = Assert.Single(runs.RootElement.GetProperty("jobs").EnumerateArray());
        Assert.Equal("finished", job.GetProperty("status").GetString());
        Assert.Equal("sounds", job.GetProperty("spider").GetString());
        var stats = await site.FinalStatsAsync();
        var shown = job.GetProperty("summary").GetProperty("stats");
        foreach (var counter in new[] { "requests", "responses", "items", "bytesReceived" })
            Assert.Equal(stats.GetProperty(counter).GetInt64(), shown.GetProperty(counter).GetInt64());
        Assert.Equal(stats.GetProperty("errorsByKind").Deserialize<Dictionary<string, long>>(), shown.GetProperty("errorsByKind").Deserialize<Dictionary<string, long>>());
        Assert.Equal(1, shown.GetProperty("errorsByKind").GetProperty("connection").GetInt64());

        using var detail = JsonDocument.Parse(await Http.GetStringAsync(new Uri(server.BaseUrl, "api/job?path=" + Uri.EscapeDataString(site.JobDirectory))));
        var failures = detail.RootElement.GetProperty("failures");
        Assert.Equal(1, failures.GetProperty("total").GetInt64());
        Assert.Equal(site.FailingUrl, failures.GetProperty("newest")[0].GetProperty("url").GetString());
        var retry = detail.RootElement.GetProperty("retryCommand").GetString()!;
        Assert.StartsWith("audiocrawl crawl sounds ", retry, StringComparison.Ordinal);
        Assert.Contains($"--job-dir {site.JobDirectory}", retry, StringComparison.Ordinal);
        Assert.EndsWith(" --retry-failed", retry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relays_the_snapshots_a_running_crawl_pushes_as_server_sent_events_until_it_ends()
    {
        await using var site = await DashboardSite.StartAsync(sounds: 60, TimeSpan.FromMilliseconds(40));
        var crawl = Cli.RunAsync(site.CrawlArguments());
        await site.WaitForLiveFeedAsync(TimeSpan.FromSeconds(30));
        await using var server = await site.ServeAsync();

        using var response = await Http.GetAsync(new Uri(server.BaseUrl, "api/live?path=" + Uri.EscapeDataString(site.JobDirectory)), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var snapshots = new List<JsonElement>();
        var ended = false;
        string? eventName = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                eventName = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName is null)
                snapshots.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "ended")
            {
                ended = true;
                break;
            }
        }
        var result = await crawl;

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(ended);
        var running = snapshots.Where(s => s.GetProperty("state").GetString() == "running").Select(s => s.GetProperty("stats").GetProperty("requests").GetInt64()).ToArray();
        Assert.True(running.Length >= 2, $"{running.Length} running snapshots");
        Assert.True(running[^1] > running[0], $"requests did not rise: {string.Join(", ", running)}");
        var last = snapshots[^1];
        Assert.Equal("finished", last.GetProperty("state").GetString());
        var stats = await site.FinalStatsAsync();
        Assert.Equal(stats.GetProperty("requests").GetInt64(), last.GetProperty("stats").GetProperty("requests").GetInt64());
        Assert.Equal(stats.GetProperty("items").GetInt64(), last.GetProperty("stats").GetProperty("items").GetInt64());
        Assert.Contains(snapshots.SelectMany(s => s.GetProperty("recentFailures").EnumerateArray()), f => f.GetProperty("url").GetString() == site.FailingUrl);
        Assert.Equal(site.Server.BaseUrl.Authority, last.GetProperty("hosts")[0].GetProperty("host").GetString());
        Assert.False(File.Exists(Path.Combine(site.JobDirectory, LiveFeedPaths.SocketFile)));
    }

    [Fact]
    public async Task Lists_the_runs_of_a_state_directory()
    {
        await using var site = await DashboardSite.StartAsync(sounds: 20, TimeSpan.Zero);
        var run = await Cli.RunAsync("run-once", "sounds", "--state-dir", site.StateDirectory, "--set", $"baseUrl={site.Server.BaseUrl}", "--delay", "0");
        Assert.True(run.ExitCode == 0, run.Error);
        await using var server = await site.ServeAsync();

        using var runs = JsonDocument.Parse(await Http.GetStringAsync(new Uri(server.BaseUrl, "api/runs")));
        var listed = Assert.Single(runs.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal("sounds", listed.GetProperty("spider").GetString());
        Assert.Equal("finished", listed.GetProperty("status").GetString());
        await using var state = await SpiderState.OpenAsync(Path.Combine(site.StateDirectory, "sounds"));
        var recorded = Assert.Single(await state.ListRunsAsync());
        Assert.Equal(recorded.Requests, listed.GetProperty("requests").GetInt64());
        Assert.True(recorded.Requests > 20, $"{recorded.Requests} requests");
        Assert.Equal(recorded.Output, listed.GetProperty("output").GetString());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("job").ValueKind);
    }

    [Fact]
    public async Task Serves_its_page_and_script_from_the_executable()
    {
        await using var site = await DashboardSite.StartAsync(sounds: 1, TimeSpan.Zero);
        await using var server = await site.ServeAsync();

        var page = await Http.GetStringAsync(server.BaseUrl);
        var script = await Http.GetAsync(new Uri(server.BaseUrl, "assets/dashboard.js"));

        Assert.Contains("<script src=\"/assets/dashboard.js\"></script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri(server.BaseUrl, "assets/nothing.js"))).StatusCode);
    }

    [Fact]
    public async Task Reads_no_job_directory_it_was_not_given()
    {
        await using var site = await DashboardSite.StartAsync(sounds: 1, TimeSpan.Zero);
        await using var server = await site.ServeAsync();

        var job = await Http.GetAsync(new Uri(server.BaseUrl, "api/job?path=" + Uri.EscapeDataString(site.Root)));
        var live = await Http.GetAsync(new Uri(server.BaseUrl, "api/live?path=%2Fetc"));

        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, live.StatusCode);
    }

    [Fact]
    public async Task With_a_token_every_request_needs_it_and_the_page_keeps_it_in_a_cookie()
    {
        await using var site = await DashboardSite.StartAsync(sounds: 1, TimeSpan.Zero);
        await using var server = await site.ServeAsync(token: "s3cret");
        using var cookies = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });

        var without = await Http.GetAsync(new Uri(server.BaseUrl, "api/runs"));
        var wrong = await Http.GetAsync(new Uri(server.BaseUrl, "?token=nope"));
        var page = await cookies.GetAsync(new Uri(server.BaseUrl, "?token=s3cret"));
        var api = await cookies.GetAsync(new Uri(server.BaseUrl, "api/runs"));
        using var bearer = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUrl, "api/runs")) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "s3cret") } };
        var withBearer = await Http.SendAsync(bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withBearer.StatusCode);
    }

    [Fact]
    public async Task Refuses_to_listen_beyond_loopback_without_a_token()
    {
        await using var site = await DashboardSite.StartAsync(sounds: 1, TimeSpan.Zero);

        var refused = await Assert.ThrowsAsync<ConfigurationException>(() => site.ServeAsync(bind: IPAddress.Any));
        var cli = await Cli.RunAsync("serve", "--job-dir", site.JobDirectory, "--bind", "0.0.0.0", "--port", "0");

        Assert.Contains("--token", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("--bind 0.0.0.0", cli.Error, StringComparison.Ordinal);
    }
}
