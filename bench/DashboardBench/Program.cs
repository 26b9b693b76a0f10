// The dashboard benchmark (bench/dashboard.sh): page loads with a 100,000-request run in the history, and a crawl's
// pages/s with and without a browser watching it live, side by side in one run.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using AudioCrawl.Dashboard;
using AudioCrawl.SampleSite;
using AudioCrawl.SampleSite.Sounds;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Stats;
using Crawler.Browser;
using Crawler.Core.Engine;
using Crawler.Core.Live;
using Crawler.Core.Pipeline;
using Crawler.Core.Runs;
using Microsoft.Playwright;

var requests = Option("--requests", 100_000);
var failures = Option("--failures", 10_000);
var runs = Option("--runs", 200);
var loads = Option("--loads", 20);
var sounds = Option("--sounds", 30000);
var rounds = Option("--rounds", 8);
var root = Path.Combine(Path.GetTempPath(), "audiocrawl-dashboard-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(root);
try
{
    var stateDirectory = Path.Combine(root, "state");
    var bigJob = Path.Combine(root, "big-job");
    var generated = Stopwatch.StartNew();
    await GenerateHistoryAsync(stateDirectory, bigJob, requests, failures, runs);
    if (args.Contains("--generate-only"))
    {
        Console.WriteLine($"serve with: audiocrawl serve --state-dir {stateDirectory} --job-dir {bigJob}");
        await Task.Delay(Timeout.Infinite); // keeps the data until killed; then delete the folder yourself
    }
    Console.WriteLine($"generated: {runs} runs in state.db (the last with {requests:N0} requests and pairs), a job of {requests:N0} requests with {failures:N0} failures, in {generated.Elapsed.TotalSeconds:0.0} s");

    await using var site = await SampleWeb.ServeAsync(new SoundLibrarySite(new SoundCatalogue(sounds)));
    var watchedJobs = Enumerable.Range(0, rounds * 2).Select(i => Path.Combine(root, $"crawl-{i}")).ToArray();
    await using var server = await DashboardServer.StartAsync(new DashboardOptions(stateDirectory, [bigJob, .. watchedJobs], IPAddress.Loopback, 0, null));
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await ChromiumLauncher.LaunchAsync(playwright, new BrowserFetcherOptions());
    var page = await browser.NewPageAsync();

    var list = await TimeLoadsAsync(page, server.BaseUrl.AbsoluteUri, "#runs tbody tr", loads);
    var job = await TimeLoadsAsync(page, server.BaseUrl.AbsoluteUri + "#/job/" + Uri.EscapeDataString(bigJob), "#failures tbody tr", loads);
    Console.WriteLine($"page load, list of runs and jobs: median {Median(list):0} ms, p95 {Percentile(list, 0.95):0} ms, max {list.Max():0} ms ({loads} loads)");
    Console.WriteLine($"page load, job of {requests:N0} requests: median {Median(job):0} ms, p95 {Percentile(job, 0.95):0} ms, max {job.Max():0} ms ({loads} loads)");

    var alone = new List<double>();
    var watched = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        // Alternate which goes first, so a machine getting busier or quieter does not favour one side.
        foreach (var watching in round % 2 == 0 ? new[] { false, true } : [true, false])
        {
            var jobDirectory = watchedJobs[round * 2 + (watching ? 1 : 0)];
            var rate = await CrawlAsync(site.BaseUrl, jobDirectory, watching ? page : null, server.BaseUrl);
            (watching ? watched : alone).Add(rate);
            Console.WriteLine($"round {round + 1}: {(watching ? "watched" : "alone  ")} {rate:0.0} pages/s");
        }
    }
    var cost = (Median(alone) - Median(watched)) / Median(alone) * 100;
    Console.WriteLine($"crawl of {sounds:N0} sounds: alone median {Median(alone):0.0} pages/s, watched median {Median(watched):0.0} pages/s: watching costs {cost:0.0} % ({rounds} rounds each)");
}
finally
{
    Directory.Delete(root, recursive: true);
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static double Median(IReadOnlyList<double> values) => Percentile(values, 0.5);

static double Percentile(IReadOnlyList<double> values, double p)
{
    var sorted = values.Order().ToArray();
    return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];
}

static async Task<List<double>> TimeLoadsAsync(IPage page, string url, string rendered, int loads)
{
    var times = new List<double>();
    for (var i = -2; i < loads; i++) // two warm-up loads
    {
        await page.GotoAsync("about:blank");
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(url);
        await page.Locator(rendered).First.WaitForAsync();
        if (i >= 0)
            times.Add(watch.Elapsed.TotalMilliseconds);
    }
    return times;
}

static async Task GenerateHistoryAsync(string stateDirectory, string bigJob, int requests, int failures, int runs)
{
    var started = DateTimeOffset.UtcNow.AddDays(-runs);
    await using (var state = await SpiderState.OpenAsync(Path.Combine(stateDirectory, "sounds")))
    {
        for (var i = 0; i < runs; i++)
        {
            var last = i == runs - 1;
            var id = await state.StartRunAsync("sounds", started.AddDays(i), Path.Combine(stateDirectory, "sounds", $"pairs-{i}.csv"));
            var pairs = last ? Enumerable.Range(0, requests).Select(n => PairKey.Of($"https://example.org/audio/{n}.mp3", $"sound {n}")).ToArray() : [];
            await state.EndRunAsync(id, RunStatus.Finished, started.AddDays(i).AddHours(1), last ? requests : 1000, last ? failures : 3, pairs, "finished");
        }
    }

    Directory.CreateDirectory(bigJob);
    await File.WriteAllTextAsync(Path.Combine(bigJob, JobDirectory.JobFile), JsonSerializer.Serialize(new { Spider = "sounds", Created = started }));
    var time = TimeProvider.System;
    await using (var log = new FailureLog(Path.Combine(bigJob, FailureLog.FileName), time))
    {
        for (var n = 0; n < failures; n++)
            await log.RecordAsync(new Request(new Uri($"https://example.org/sound/{n}")) { Depth = 2 }, n % 3 == 0 ? "timeout" : "connection", $"https://example.org/sound/{n}: the connection was reset");
    }
    var seconds = requests / 250.0;
    var history = Enumerable.Range(1, 240).Select(i => new RatePoint(seconds * i / 240, requests * (long)i / 240, requests * (long)i / 240, requests * 9L * i / 2400, failures * (long)i / 240)).ToArray();
    var stats = new CrawlStatsSnapshot(started, seconds, requests, requests - failures, new Dictionary<string, long> { ["200"] = requests - failures - 500, ["404"] = 500 },
        requests * 9L / 10, new Dictionary<string, long> { ["duplicate"] = 120 }, new Dictionary<string, long> { ["duplicate"] = 40_000 },
        new Dictionary<string, long> { ["timeout"] = failures / 3, ["connection"] = failures - failures / 3 }, new Dictionary<string, long>(), requests * 40_000L, 250, 0, "finished");
    var hosts = Enumerable.Range(0, 10).Select(i => new HostActivity($"host{i}.example.org", requests / (i + 2), failures / (i + 2))).ToArray();
    var summary = new RunSummary("sounds", "finished", "finished", null, started.AddSeconds(seconds), stats, hosts, history, ["crawl", "sounds", "-o", "pairs.csv", "--job-dir", bigJob]);
    await File.WriteAllTextAsync(LiveFeedPaths.Summary(bigJob), JsonSerializer.Serialize(summary, LiveJson.Options));
}

static async Task<double> CrawlAsync(Uri site, string jobDirectory, IPage? watcher, Uri dashboard)
{
    var stats = jobDirectory + ".stats.json";
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "audiocrawl.dll"), "crawl", "sounds", "-o", jobDirectory + ".csv", "--job-dir", jobDirectory, "--stats", stats,
        "--set", $"baseUrl={site}", "--delay", "0", "--per-host", "8", "--log-level", "warning" })
        start.ArgumentList.Add(arg);
    using var crawl = Process.Start(start)!;
    var output = crawl.StandardOutput.ReadToEndAsync();
    var error = crawl.StandardError.ReadToEndAsync();
    if (watcher is not null)
    {
        while (!await LiveFeedReader.IsLiveAsync(jobDirectory) && !crawl.HasExited)
            await Task.Delay(20);
        await watcher.GotoAsync(dashboard.AbsoluteUri + "#/job/" + Uri.EscapeDataString(jobDirectory));
    }
    await crawl.WaitForExitAsync();
    if (crawl.ExitCode != 0)
        throw new InvalidOperationException($"the crawl exited with {crawl.ExitCode}: {await output}{await error}");
    if (watcher is not null)
        await watcher.Locator("h1[data-job-status='finished']").WaitForAsync(new() { Timeout = 30_000 });
    using var document = JsonDocument.Parse(await File.ReadAllTextAsync(stats));
    return document.RootElement.GetProperty("stats").GetProperty("pagesPerSecond").GetDouble();
}
