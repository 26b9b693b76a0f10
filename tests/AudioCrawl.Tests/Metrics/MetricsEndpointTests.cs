using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Crawler.Abstractions.Http;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;
using Xunit;

namespace AudioCrawl.Tests.Metrics;

/// <summary>--metrics-port on a crawl of the loopback sound library: scraped while it runs and as it finishes, read back against --stats.</summary>
public sealed class MetricsEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly SoundLibrarySite _site = new(new SoundCatalogue(60));
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(_site);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    /// <summary>Scrapes the endpoint from inside the crawl: at its tenth response and when it has finished (before the host closes).</summary>
    private sealed class Scraper(Uri url) : ICrawlExtension
    {
        private int _responses;

        public string? During { get; private set; }

        public string? AtFinish { get; private set; }

        public void OnResponse(Response response)
        {
            if (Interlocked.Increment(ref _responses) == 10)
                During = Get();
        }

        public void OnFinished(CrawlResult result) => AtFinish = Get();

        // Signals are synchronous: a blocking GET on one worker is what a test can afford.
        private string Get()
        {
            using var client = new HttpClient();
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, url));
            response.EnsureSuccessStatusCode();
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
            using var reader = new StreamReader(response.Content.ReadAsStream());
            return reader.ReadToEnd();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task The_endpoint_serves_the_crawl_while_it_runs_and_its_final_values_match_the_stats_file()
    {
        var port = FreePort();
        var scraper = new Scraper(new Uri($"http://127.0.0.1:{port}/metrics"));
        var stats = _temp.File("stats.json");
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = CliEnvironment.Capture(output, error) with { ConfigureHost = host => host.AddExtension(scraper) };

        var code = await AudioCrawlCli.RunAsync(
            ["crawl", "sounds", "-o", _temp.File("pairs.csv"), "--set", $"baseUrl={_server.BaseUrl}", "--delay", "0", "--per-host", "2", "--stats", stats, "--metrics-port", port.ToString()],
            environment);

        Assert.True(code == 0, error.ToString());
        Assert.Contains($"metrics: http://127.0.0.1:{port}/metrics", error.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(stats));
        var expected = json.RootElement.GetProperty("stats");
        var during = PrometheusSamples.Parse(scraper.During!);
        var final = PrometheusSamples.Parse(scraper.AtFinish!);
        const string spider = "spider=\"sounds\"";
        Assert.InRange(during[$"audiocrawl_requests_total{{{spider}}}"], 1, expected.GetProperty("requests").GetInt64() - 1);
        Assert.Equal(expected.GetProperty("requests").GetInt64(), final[$"audiocrawl_requests_total{{{spider}}}"]);
        Assert.Equal(expected.GetProperty("items").GetInt64(), final[$"audiocrawl_items_total{{{spider}}}"]);
        Assert.Equal(expected.GetProperty("bytesReceived").GetInt64(), final[$"audiocrawl_received_bytes_total{{{spider}}}"]);
        foreach (var status in expected.GetProperty("responsesByStatus").EnumerateObject())
            Assert.Equal(status.Value.GetInt64(), final[$"audiocrawl_responses_total{{{spider},status=\"{status.Name}\"}}"]);
        foreach (var reason in expected.GetProperty("requestsDroppedByReason").EnumerateObject())
            Assert.Equal(reason.Value.GetInt64(), final[$"audiocrawl_requests_dropped_total{{reason=\"{reason.Name}\",{spider}}}"]);
        var host = _server.BaseUrl.Authority;
        Assert.Equal(expected.GetProperty("latencyByHost").GetProperty(host).GetProperty("count").GetInt64(), final[$"audiocrawl_fetch_duration_seconds_count{{host=\"{host}\",{spider}}}"]);
    }

    [Fact]
    public async Task A_bind_address_that_is_not_an_ip_address_is_a_usage_error_naming_the_option()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await AudioCrawlCli.RunAsync(
            ["crawl", "sounds", "-o", _temp.File("pairs.csv"), "--set", $"baseUrl={_server.BaseUrl}", "--metrics-port", "0", "--metrics-bind", "localhost:80"],
            CliEnvironment.Capture(output, error));

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("--metrics-bind localhost:80", error.ToString());
        Assert.False(File.Exists(_temp.File("pairs.csv")));
    }
}
