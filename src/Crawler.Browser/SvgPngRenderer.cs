using Microsoft.Playwright;

namespace Crawler.Browser;

/// <summary>
/// Renders SVG documents to PNG files with the system Chromium (the browser fetcher's launch: headless, offline):
/// each SVG is set as the content of one page, nothing is fetched, and the SVG element is screenshotted at its own size.
/// </summary>
public static class SvgPngRenderer
{
    public static async Task WriteAsync(IReadOnlyList<(string Svg, string Path)> images, BrowserFetcherOptions options, CancellationToken cancellationToken = default)
    {
        if (images.Count == 0)
            return;
        using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        await using var browser = await ChromiumLauncher.LaunchAsync(playwright, options).ConfigureAwait(false);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { DeviceScaleFactor = 1, JavaScriptEnabled = false }).ConfigureAwait(false);
        await page.RouteAsync("**/*", route => route.AbortAsync()).ConfigureAwait(false); // nothing but the content set here
        foreach (var (svg, path) in images)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await page.SetContentAsync($"<!DOCTYPE html><html><body style=\"margin:0\">{svg}</body></html>").ConfigureAwait(false);
            await page.Locator("svg").First.ScreenshotAsync(new LocatorScreenshotOptions { Path = path, Type = ScreenshotType.Png }).ConfigureAwait(false);
        }
    }
}
