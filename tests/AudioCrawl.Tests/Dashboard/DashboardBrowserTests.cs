using System.Globalization;
using AudioCrawl.Testing;
using Crawler.Browser;
using Microsoft.Playwright;
using Xunit;

namespace AudioCrawl.Tests.Dashboard;

/// <summary>
/// The dashboard in the Debian Chromium (Playwright) while the audiocrawl executable crawls the loopback sound
/// library in a child process. Screenshots of each page go to artifacts/ next to the test assembly.
/// </summary>
public sealed class DashboardBrowserTests
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");

    [Fact]
    public async Task Shows_a_running_crawl_live_its_injected_failure_and_final_counts_equal_to_stats()
    {
        await using var site = await DashboardSite.StartAsync(sounds: 150, TimeSpan.FromMilliseconds(60));
        await using var server = await site.ServeAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ChromiumLauncher.LaunchAsync(playwright, new BrowserFetcherOptions());
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        Directory.CreateDirectory(Artifacts);

        var earlier = await Cli.RunAsync("run-once", "sounds", "--state-dir", site.StateDirectory, "--set", $"baseUrl={site.Server.BaseUrl}", "--delay", "0", "--per-host", "8", "--set", "retries=0");
        Assert.True(earlier.ExitCode == 0, earlier.Error);
        using var crawl = AudioCrawlProcess.Start(site.Root, site.CrawlArguments());
        await site.WaitForLiveFeedAsync(TimeSpan.FromSeconds(60));

        // The run appears in the list, running.
        await page.GotoAsync(server.BaseUrl.AbsoluteUri);
        var row = page.Locator("#jobs tr[data-job]");
        await Assertions.Expect(row.Locator(".status")).ToHaveTextAsync("running", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#runs tr[data-run='sounds/1'] .status")).ToHaveTextAsync("finished");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "dashboard-runs.png"), FullPage = true });

        // Its live view: the request count rises between two observations.
        await row.Locator("a").ClickAsync();
        var requests = page.Locator("[data-stat='requests']");
        await Assertions.Expect(requests).Not.ToHaveTextAsync("–", new() { Timeout = 15_000 });
        var first = Count(await requests.TextContentAsync());
        await Assertions.Expect(requests).Not.ToHaveTextAsync(await requests.TextContentAsync() ?? "", new() { Timeout = 15_000 });
        var second = Count(await requests.TextContentAsync());
        Assert.True(second > first, $"requests went from {first} to {second}");

        // The failure the server injected shows in the failures table, with the --retry-failed command.
        await Assertions.Expect(page.Locator("#failures tbody")).ToContainTextAsync(site.FailingUrl, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#retry-command")).ToContainTextAsync("--retry-failed");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "dashboard-live.png"), FullPage = true });

        // The finished state shows the counts --stats wrote.
        await Assertions.Expect(page.Locator("h1")).ToHaveAttributeAsync("data-job-status", "finished", new() { Timeout = 120_000 });
        var result = await crawl.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Error);
        await Assertions.Expect(page.Locator("#finish-reason")).ToBeVisibleAsync();
        var stats = await site.FinalStatsAsync();
        Assert.Equal(stats.GetProperty("requests").GetInt64(), Count(await requests.TextContentAsync()));
        Assert.Equal(stats.GetProperty("responses").GetInt64(), Count(await page.Locator("[data-stat='responses']").TextContentAsync()));
        Assert.Equal(stats.GetProperty("items").GetInt64(), Count(await page.Locator("[data-stat='items']").TextContentAsync()));
        Assert.Equal(stats.GetProperty("errorsByKind").GetProperty("connection").GetInt64(), Count(await page.Locator("[data-stat='errors']").TextContentAsync()));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "dashboard-finished.png"), FullPage = true });
    }

    private static long Count(string? shown) => long.Parse(shown!.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
