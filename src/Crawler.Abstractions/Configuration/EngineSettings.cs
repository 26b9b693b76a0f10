using System.ComponentModel;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Politeness;

namespace Crawler.Abstractions.Configuration;

/// <summary>
/// How the engine crawls. Layered: these defaults &lt; the spider's own defaults &lt; crawlers.json "engine"
/// &lt; the spider's crawlers.json section &lt; --set on the command line.
/// </summary>
public sealed record EngineSettings : IValidatableSettings
{
    public const string DefaultUserAgent = "AudioCrawl/0.1 (+https://github.com/audiocrawl/audiocrawl)";

    [Description("Requests in flight at once, across all hosts.")]
    public int Concurrency { get; init; } = 16;

    [Description("Audio downloads (the media requests of the crawl's audio sinks) in flight at once, across all hosts; pages keep their own concurrency, and perHost bounds pages and audio to one host together.")]
    public int DownloadConcurrency { get; init; } = 16;

    [Description("Requests in flight at once to one host.")]
    public int PerHost { get; init; } = 2;

    [Description("Seconds between the starts of two requests to the same host (0 for none).")]
    public double Delay { get; init; } = 0.5;

    [Description("Deepest link level followed from the start requests (0 for no limit).")]
    public int MaxDepth { get; init; }

    [Description("Stop scheduling after this many requests (0 for no limit).")]
    public long MaxRequests { get; init; }

    [Description("Stop after this many accepted pairs (0 for no limit).")]
    public long MaxItems { get; init; }

    [Description("Host names requests may go to (subdomains included). Empty: the hosts of the start requests and the spider's own list; [\"*\"] for any.")]
    public IReadOnlyList<string> AllowedDomains { get; init; } = [];

    [Description("The User-Agent header sent with every request.")]
    public string UserAgent { get; init; } = DefaultUserAgent;

    [Description("Seconds a request may take in all, headers and body.")]
    public double RequestTimeout { get; init; } = 30;

    [Description("Seconds to establish a connection.")]
    public double ConnectTimeout { get; init; } = 10;

    [Description("Largest body accepted, in bytes; a larger response is abandoned and counted.")]
    public long MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    [Description("Redirects followed for one request.")]
    public int MaxRedirects { get; init; } = 10;

    [Description("Wait a random 0.5 to 1.5 times the delay between two requests to one host.")]
    public bool RandomizeDelay { get; init; } = true;

    [Description("Adapt each host's delay to its latency (AutoThrottle): the delay moves toward latency / autoThrottleTargetConcurrency, never below delay, and never down after an error.")]
    public bool AutoThrottle { get; init; }

    [Description("Requests in flight to one host that AutoThrottle aims at.")]
    public double AutoThrottleTargetConcurrency { get; init; } = 1;

    [Description("Seconds of delay AutoThrottle starts from, before any latency was seen.")]
    public double AutoThrottleStartDelay { get; init; } = 5;

    [Description("Longest delay, in seconds, AutoThrottle or a slow-down after 429/503 may reach.")]
    public double AutoThrottleMaxDelay { get; init; } = 60;

    [Description("Longest Retry-After honoured, in seconds; a longer one is cut to this.")]
    public double MaxRetryAfter { get; init; } = 600;

    [Description("Retries of a request after a network error, a timeout or a 408/429/500/502/503/504/522/524 (0 for none).")]
    public int Retries { get; init; } = 3;

    [Description("Seconds before the first retry; each further retry waits about twice as long (with jitter), or the server's Retry-After.")]
    public double RetryDelay { get; init; } = 1;

    [Description("Seconds a host is paused after it failed again and again (most of at least 10 requests in 30 s); 0 for no circuit breaker.")]
    public double CircuitBreakDuration { get; init; } = 30;

    [Description("Directives in X-Robots-Tag or <meta name=\"robots\"> that keep the pairs of a page out of the dataset; empty to ignore them.")]
    public IReadOnlyList<string> OptOutDirectives { get; init; } = ["noai", "noindex"];

    [Description("Obey robots.txt (RFC 9309): disallowed requests are dropped and counted, never fetched. true: robots.txt governs pages and audio files, not a service's documented API calls (which a spider marks; the hosts are named in one log line each); \"strict\": it governs API calls too; false: it is neither fetched nor obeyed.")]
    public RobotsTxtPolicy ObeyRobotsTxt { get; init; } = RobotsTxtPolicy.Pages;

    [Description("Warn when a callback's pages yield less than its contract declares this many times in a row, or on most of at least this many pages; also the fewest pages on which failing contracts end the crawl as empty (exit 4).")]
    public int ContractWarnAfter { get; init; } = 5;

    [Description("Accept a crawl that found nothing (no pair from the pages fetched, or contracts failing on most pages): it ends finished (exit 0) instead of empty (exit 4). For runs where an empty result is expected.")]
    public bool AllowEmpty { get; init; }

    [Description("Seconds in-flight requests may still finish after Ctrl+C before they are abandoned.")]
    public double GracePeriod { get; init; } = 10;

    [Description("Seconds between progress lines when the output is not a terminal.")]
    public double LogInterval { get; init; } = 10;

    [Description("The fetcher for requests that do not name one: \"http\", \"browser\" (headless Chromium that runs the page's scripts), or the name of a fetcher registered in the crawl host.")]
    public string Fetcher { get; init; } = FetcherKind.Http;

    [Description("The Chromium executable the browser fetcher drives (never downloaded; Debian package 'chromium').")]
    public string BrowserExecutable { get; init; } = "/usr/bin/chromium";

    [Description("Browser pages loading at once: the size of the pool of browser contexts shared by the crawl.")]
    public int BrowserConcurrency { get; init; } = 4;

    [Description("Resource types the browser does not download: any of image, font, media, stylesheet, script, xhr, fetch, websocket, other.")]
    public IReadOnlyList<string> BrowserBlock { get; init; } = ["image", "font", "media"];

    [Description("How far a browser page loads before it is read: domContentLoaded, load, or networkIdle.")]
    public PageLoadState BrowserWaitUntil { get; init; } = PageLoadState.Load;

    [Description("A CSS selector every browser page must show before it is read (empty: none).")]
    public string BrowserWaitFor { get; init; } = "";

    [Description("Extra command-line switches for Chromium, after the built-in ones.")]
    public IReadOnlyList<string> BrowserArgs { get; init; } = [];

    /// <summary>The resource types <see cref="BrowserBlock"/> accepts (Playwright's names).</summary>
    public static readonly IReadOnlyList<string> BrowserResourceTypes = ["document", "stylesheet", "image", "media", "font", "script", "texttrack", "xhr", "fetch", "eventsource", "websocket", "manifest", "other"];

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Fetcher))
            yield return $"fetcher must name a fetcher such as \"{FetcherKind.Http}\" or \"{FetcherKind.Browser}\"";
        if (BrowserConcurrency < 1)
            yield return "browserConcurrency must be at least 1";
        if (string.IsNullOrWhiteSpace(BrowserExecutable))
            yield return "browserExecutable must name the Chromium executable";
        foreach (var type in BrowserBlock.Where(t => !BrowserResourceTypes.Contains(t)))
            yield return $"browserBlock: unknown resource type '{type}'; expected any of {string.Join(", ", BrowserResourceTypes)}";
        if (Concurrency < 1)
            yield return "concurrency must be at least 1";
        if (DownloadConcurrency < 1)
            yield return "downloadConcurrency must be at least 1";
        if (PerHost < 1)
            yield return "perHost must be at least 1";
        if (Delay < 0 || double.IsNaN(Delay))
            yield return "delay must be 0 or more seconds";
        if (MaxDepth < 0)
            yield return "maxDepth must be 0 (no limit) or more";
        if (MaxRequests < 0)
            yield return "maxRequests must be 0 (no limit) or more";
        if (MaxItems < 0)
            yield return "maxItems must be 0 (no limit) or more";
        if (RequestTimeout <= 0)
            yield return "requestTimeout must be more than 0 seconds";
        if (ConnectTimeout <= 0)
            yield return "connectTimeout must be more than 0 seconds";
        if (MaxBodyBytes < 1)
            yield return "maxBodyBytes must be at least 1";
        if (MaxRedirects < 0)
            yield return "maxRedirects must be 0 or more";
        if (AutoThrottleTargetConcurrency <= 0 || double.IsNaN(AutoThrottleTargetConcurrency))
            yield return "autoThrottleTargetConcurrency must be more than 0";
        if (AutoThrottleStartDelay < 0 || double.IsNaN(AutoThrottleStartDelay))
            yield return "autoThrottleStartDelay must be 0 or more seconds";
        if (AutoThrottleMaxDelay < Delay || double.IsNaN(AutoThrottleMaxDelay))
            yield return "autoThrottleMaxDelay must be at least delay";
        if (MaxRetryAfter < 0 || double.IsNaN(MaxRetryAfter))
            yield return "maxRetryAfter must be 0 or more seconds";
        if (Retries < 0)
            yield return "retries must be 0 or more";
        if (RetryDelay < 0 || double.IsNaN(RetryDelay))
            yield return "retryDelay must be 0 or more seconds";
        if (CircuitBreakDuration != 0 && (CircuitBreakDuration < 0.5 || double.IsNaN(CircuitBreakDuration)))
            yield return "circuitBreakDuration must be 0 (off) or at least 0.5 seconds";
        if (ContractWarnAfter < 1)
            yield return "contractWarnAfter must be at least 1";
        if (GracePeriod < 0)
            yield return "gracePeriod must be 0 or more seconds";
        if (LogInterval <= 0)
            yield return "logInterval must be more than 0 seconds";
        if (string.IsNullOrWhiteSpace(UserAgent))
            yield return "userAgent must not be empty";
    }
}
