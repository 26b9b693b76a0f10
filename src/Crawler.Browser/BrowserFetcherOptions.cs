using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;

namespace Crawler.Browser;

/// <summary>What the browser fetcher needs from the engine settings.</summary>
public sealed record BrowserFetcherOptions
{
    public string ExecutablePath { get; init; } = "/usr/bin/chromium";

    /// <summary>Pages loading at once; also the number of browser contexts kept.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Playwright resource types that are aborted before they download.</summary>
    public IReadOnlySet<string> Block { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "image", "font", "media" };

    public PageLoadState WaitUntil { get; init; } = PageLoadState.Load;

    /// <summary>A CSS selector every page must show before it is read; null for none.</summary>
    public string? WaitFor { get; init; }

    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    public string UserAgent { get; init; } = EngineSettings.DefaultUserAgent;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan LaunchTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public long MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>How many times a request is tried again on a fresh browser after the browser crashed under it.</summary>
    public int CrashRetries { get; init; } = 2;

    public static BrowserFetcherOptions From(EngineSettings settings) => new()
    {
        ExecutablePath = settings.BrowserExecutable,
        Concurrency = settings.BrowserConcurrency,
        Block = settings.BrowserBlock.ToHashSet(StringComparer.Ordinal),
        WaitUntil = settings.BrowserWaitUntil,
        WaitFor = string.IsNullOrWhiteSpace(settings.BrowserWaitFor) ? null : settings.BrowserWaitFor,
        ExtraArgs = settings.BrowserArgs,
        UserAgent = settings.UserAgent,
        RequestTimeout = TimeSpan.FromSeconds(settings.RequestTimeout),
        MaxBodyBytes = settings.MaxBodyBytes,
    };
}
