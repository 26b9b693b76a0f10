using System.Net;
using System.Text.Json;
using AudioCrawl.Dashboard;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Crawler.Core.Live;

namespace AudioCrawl.Tests.Dashboard;

/// <summary>
/// The sound library on loopback with one sound page that drops the connection (the injected failure), a job
/// directory and a state directory, and the crawl command line that crawls it into the job with --stats.
/// </summary>
public sealed class DashboardSite : IAsyncDisposable
{
    public const string FailingPath = "/sound/7";

    private readonly TempDirectory _temp = new();

    private DashboardSite(LoopbackServer server)
    {
        Server = server;
        Directory.CreateDirectory(StateDirectory);
    }

    public LoopbackServer Server { get; }

    public string Root => _temp.Path;

    public string JobDirectory => _temp.File("job");

    public string StateDirectory => _temp.File("state");

    public string StatsPath => _temp.File("stats.json");

    public string FailingUrl => Server.Url(FailingPath).AbsoluteUri;

    public static async Task<DashboardSite> StartAsync(int sounds, TimeSpan latency)
    {
        var server = await LoopbackServer.StartAsync(new SoundLibrarySite(new SoundCatalogue(sounds)));
        server.Latency = latency;
        server.Handle(FailingPath, context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        return new DashboardSite(server);
    }

    /// <summary>crawl sounds into the job directory, one request at a time so that a watcher sees it run.</summary>
    public string[] CrawlArguments(int perHost = 1) =>
    [
        "crawl", "sounds", "-o", _temp.File("pairs.csv"), "--job-dir", JobDirectory, "--stats", StatsPath,
        "--set", $"baseUrl={Server.BaseUrl}", "--delay", "0", "--per-host", perHost.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--set", "retries=1", "--set", "retryDelay=0.05",
    ];

    public Task<DashboardServer> ServeAsync(string? token = null, IPAddress? bind = null) =>
        DashboardServer.StartAsync(new DashboardOptions(StateDirectory, [JobDirectory], bind ?? IPAddress.Loopback, 0, token));

    /// <summary>The "stats" object of the crawl's --stats file.</summary>
    public async Task<JsonElement> FinalStatsAsync()
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(StatsPath));
        return document.RootElement.GetProperty("stats").Clone();
    }

    public async Task WaitForLiveFeedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await LiveFeedReader.IsLiveAsync(JobDirectory))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no live feed in {JobDirectory} within {timeout}.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _temp.Dispose();
    }
}
