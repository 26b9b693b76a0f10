using System.Diagnostics;
using System.Globalization;
using AudioCrawl.SampleSite;
using AudioCrawl.SampleSite.Podcast;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Spiders;
using Crawler.Browser;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;
using Crawler.Core.Spiders;
using Crawlers.Declarative;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

// Pages/s of the declarative podcast spider over HTTP and in the browser, against the same loopback site, and the
// memory one more browser context (with one page open) costs. Usage: dotnet run -c Release -- [episodes] [concurrency]
var episodes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
var site = new PodcastSite(episodes);
await using var host = await SampleWeb.ServeAsync(site);
var config = CrawlerConfig.Load(args.Length > 2 ? args[2] : Path.Combine(AppContext.BaseDirectory, "crawlers.json"), pathWasGiven: true);
var registry = new SpiderRegistry([typeof(DeclarativeSpider).Assembly]);
Console.WriteLine($"site: {episodes} episodes, {site.Pages} archive pages, {host.BaseUrl}; concurrency {concurrency}; {Environment.ProcessorCount} cores");

foreach (var fetcher in new[] { "http", "browser" })
{
    var plan = new CrawlPlanner(registry, config).Plan("podcast", [
        new("baseUrl", host.BaseUrl.AbsoluteUri), new("fetcher", fetcher), new("delay", "0"),
        new("concurrency", concurrency.ToString(CultureInfo.InvariantCulture)), new("perHost", concurrency.ToString(CultureInfo.InvariantCulture)),
        new("browserConcurrency", concurrency.ToString(CultureInfo.InvariantCulture))]);
    BrowserFetcher? started = null;
    await using var crawl = CrawlHostBuilder.For(plan, NullLoggerFactory.Instance, TimeProvider.System)
        .AddHttpFetcher()
        .AddFetcher(FetcherKind.Browser, _ => started = new BrowserFetcher(BrowserFetcherOptions.From(plan.Engine), NullLogger.Instance))
        .AddSink(new NullSink())
        .Build();
    using var sampling = new CancellationTokenSource();
    var browserCpu = 0.0;
    var sampler = Task.Run(async () =>
    {
        int? pid = null;
        while (!sampling.IsCancellationRequested)
        {
            try
            {
                pid ??= started is null ? null : await started.BrowserProcessIdAsync();
                if (pid is { } id)
                    browserCpu = Math.Max(browserCpu, ProcessTree.CpuSeconds(id));
                await Task.Delay(100, sampling.Token);
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception) when (started is not null)
            {
            }
        }
    });
    var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var result = await crawl.RunAsync(plan);
    clock.Stop();
    ownCpu = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
    await sampling.CancelAsync();
    await sampler;
    var pages = result.Stats.Responses;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{fetcher,-8} {pages,5} pages, {result.Stats.Items,4} items in {clock.Elapsed.TotalSeconds,6:0.00} s = {pages / clock.Elapsed.TotalSeconds,7:0.0} pages/s; CPU per page: crawler {ownCpu.TotalMilliseconds / pages:0.0} ms, Chromium {browserCpu * 1000 / pages:0.0} ms"));
}

using (var playwright = await Playwright.CreateAsync())
{
    var browser = await ChromiumLauncher.LaunchAsync(playwright, new BrowserFetcherOptions());
    var session = await browser.NewBrowserCDPSessionAsync();
    var info = await session.SendAsync("SystemInfo.getProcessInfo");
    var pid = info!.Value.GetProperty("processInfo").EnumerateArray().First(p => p.GetProperty("type").GetString() == "browser").GetProperty("id").GetInt32();
    var contexts = new List<IBrowserContext>();
    async Task OpenAsync(int count)
    {
        while (contexts.Count < count)
        {
            var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(host.BaseUrl, $"page/{contexts.Count % site.Pages + 1}/").AbsoluteUri);
            contexts.Add(context);
        }
    }
    await OpenAsync(1);
    var baseline = ProcessTree.PssBytes(pid);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"browser, 1 context with an archive page open: {baseline / 1048576.0:0} MiB PSS (all Chromium processes)"));
    foreach (var count in new[] { 5, 9 })
    {
        await OpenAsync(count);
        var rss = ProcessTree.PssBytes(pid);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"browser, {count} contexts with a page open in each: {rss / 1048576.0:0} MiB PSS; {(rss - baseline) / 1048576.0 / (count - 1):0.0} MiB per extra context"));
    }
    await browser.CloseAsync();
}

internal sealed class NullSink : IPairSink
{
    public string Name => "null";
    public Task OpenAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    public ValueTask WriteAsync(AudioPair pair, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal static class ProcessTree
{
    /// <summary>CPU seconds (user + system, including exited children such as closed renderers) of a process tree.</summary>
    public static double CpuSeconds(int root)
    {
        double ticks = 0;
        foreach (var pid in Tree(root))
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // utime, stime, cutime, cstime are fields 14-17 of stat; fields[0] here is field 3.
                ticks += Enumerable.Range(11, 4).Sum(i => double.Parse(fields[i], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
            }
        }
        return ticks / 100;
    }

    /// <summary>Proportional memory (PSS: shared pages split between the processes sharing them) of a process tree, from /proc.</summary>
    public static long PssBytes(int root)
    {
        long total = 0;
        foreach (var pid in Tree(root))
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
                if (line is not null)
                    total += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
            catch (IOException)
            {
            }
        }
        return total;
    }

    private static HashSet<int> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
        }
        var tree = new HashSet<int> { root };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (tree.Contains(parent) && tree.Add(pid))
                    grew = true;
            }
        }
        while (grew);
        return tree;
    }
}
