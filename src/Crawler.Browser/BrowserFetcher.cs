using System.Text;
using Crawler.Abstractions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Crawler.Browser;

/// <summary>
/// Fetches pages with the system Chromium through Playwright, so scripts run before the page is read. The browser
/// starts on the first request; a bounded pool of browser contexts (<see cref="BrowserFetcherOptions.Concurrency"/>)
/// is shared by the crawl. Images, fonts and media are not downloaded by default; the audio URLs the page requests
/// are captured into <see cref="Response.NetworkAudio"/>. A browser that crashes is started again and the requests
/// it held are tried again on the new one. The response body is the rendered DOM, serialized as UTF-8 HTML.
/// </summary>
public sealed class BrowserFetcher(BrowserFetcherOptions options, ILogger logger) : IFetcher, IAsyncDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Concurrency, options.Concurrency);
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Stack<BrowserTab> _idle = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _generation;
    private bool _disposed;

    /// <summary>How many times a browser was started (1 after the first request; more after crashes).</summary>
    public int Launches => Volatile.Read(ref _generation);

    public async ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default)
    {
        if (request.Url.Scheme != Uri.UriSchemeHttp && request.Url.Scheme != Uri.UriSchemeHttps)
            throw new FetchException(FetchErrorKinds.UnsupportedScheme, request.Url, $"only http and https are fetched, not {request.Url.Scheme}.");

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var tab = await RentTabAsync(request, cancellationToken).ConfigureAwait(false);
                var browser = tab.Browser;
                try
                {
                    var response = await LoadAsync(tab, request, cancellationToken).ConfigureAwait(false);
                    Return(tab);
                    return response;
                }
                catch (PlaywrightException ex) when (!browser.IsConnected && !cancellationToken.IsCancellationRequested && attempt < options.CrashRetries)
                {
                    logger.LogWarning("The browser closed under {Url} ({Message}); starting it again and retrying.", request.Url, FirstLine(ex.Message));
                }
                catch (PlaywrightException ex) when (!browser.IsConnected && !cancellationToken.IsCancellationRequested)
                {
                    throw new FetchException(FetchErrorKinds.Browser, request.Url, $"the browser crashed {attempt + 1} times while loading the page: {FirstLine(ex.Message)}", ex);
                }
                catch
                {
                    Return(tab);
                    throw;
                }
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        BrowserTab[] tabs;
        IBrowser? browser;
        IPlaywright? playwright;
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            tabs = _idle.ToArray();
            _idle.Clear();
            browser = _browser;
            playwright = _playwright;
            _browser = null;
            _playwright = null;
        }
        foreach (var tab in tabs)
            await CloseQuietlyAsync(tab.Context).ConfigureAwait(false);
        if (browser is not null)
        {
            try
            {
                await browser.CloseAsync().ConfigureAwait(false);
                logger.LogDebug("Browser closed.");
            }
            catch (PlaywrightException)
            {
            }
        }
        playwright?.Dispose();
    }

    /// <summary>The operating-system id of the running browser's main process (for tests that crash it on purpose).</summary>
    internal async Task<int?> BrowserProcessIdAsync()
    {
        var browser = Volatile.Read(ref _browser);
        if (browser is null || !browser.IsConnected)
            return null;
        var session = await browser.NewBrowserCDPSessionAsync().ConfigureAwait(false);
        var info = await session.SendAsync("SystemInfo.getProcessInfo").ConfigureAwait(false);
        await session.DetachAsync().ConfigureAwait(false);
        foreach (var process in info!.Value.GetProperty("processInfo").EnumerateArray())
        {
            if (process.GetProperty("type").GetString() == "browser")
                return process.GetProperty("id").GetInt32();
        }
        return null;
    }

    /// <summary>A context of the pool with its page, kept open between requests so the page's renderer is reused.</summary>
    private sealed record BrowserTab(IBrowser Browser, IBrowserContext Context)
    {
        public IPage? Page { get; set; }
    }

    private async Task<BrowserTab> RentTabAsync(Request request, CancellationToken cancellationToken)
    {
        var browser = await EnsureBrowserAsync(request, cancellationToken).ConfigureAwait(false);
        BrowserTab? tab = null;
        lock (_gate)
        {
            while (tab is null && _idle.TryPop(out var idle))
            {
                if (idle.Browser == browser)
                    tab = idle;
            }
        }
        try
        {
            if (tab is null)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions
                {
                    UserAgent = options.UserAgent,
                    ServiceWorkers = ServiceWorkerPolicy.Block,
                    AcceptDownloads = false,
                }).ConfigureAwait(false);
                if (options.Block.Count > 0)
                {
                    await context.RouteAsync("**/*", route =>
                        options.Block.Contains(route.Request.ResourceType) ? route.AbortAsync("blockedbyclient") : route.FallbackAsync()).ConfigureAwait(false);
                }
                tab = new BrowserTab(browser, context);
            }
            if (tab.Page is null || tab.Page.IsClosed)
                tab.Page = await tab.Context.NewPageAsync().ConfigureAwait(false);
            return tab;
        }
        catch (PlaywrightException ex) when (!browser.IsConnected)
        {
            throw new FetchException(FetchErrorKinds.Browser, request.Url, $"the browser closed while a page was opened: {FirstLine(ex.Message)}", ex);
        }
    }

    private void Return(BrowserTab tab)
    {
        lock (_gate)
        {
            if (!_disposed && tab.Browser == _browser && tab.Browser.IsConnected)
            {
                _idle.Push(tab);
                return;
            }
        }
        _ = CloseQuietlyAsync(tab.Context);
    }

    private async Task<IBrowser> EnsureBrowserAsync(Request request, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _browser) is { IsConnected: true } running)
            return running;
        await _launch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true } started)
                return started;
            if (_browser is not null)
            {
                lock (_gate)
                    _idle.Clear();
                logger.LogWarning("The browser is gone (crashed or killed); starting a new one.");
            }
            try
            {
                _playwright ??= await Playwright.CreateAsync().ConfigureAwait(false);
                var browser = await ChromiumLauncher.LaunchAsync(_playwright, options).ConfigureAwait(false);
                Interlocked.Increment(ref _generation);
                logger.LogInformation("Started {Executable} {Version} (headless, {Concurrency} contexts).", options.ExecutablePath, browser.Version, options.Concurrency);
                _browser = browser;
                return browser;
            }
            catch (BrowserUnavailableException ex)
            {
                throw new FetchException(FetchErrorKinds.Browser, request.Url, ex.Message, ex);
            }
            catch (PlaywrightException ex)
            {
                throw new FetchException(FetchErrorKinds.Browser, request.Url, $"the Playwright driver did not start: {FirstLine(ex.Message)}", ex);
            }
        }
        finally
        {
            _launch.Release();
        }
    }

    private async Task<Response> LoadAsync(BrowserTab tab, Request request, CancellationToken cancellationToken)
    {
        var page = tab.Page!;
        var wait = request.Wait;
        var timeout = wait?.Timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : options.RequestTimeout;
        var selector = wait?.Selector ?? options.WaitFor;
        await using var closeOnCancel = cancellationToken.Register(() => _ = CloseQuietlyAsync(page));
        var audio = new NetworkAudioRecorder();
        var listening = audio.Attach(page);
        Func<string, bool>? overridden = null;
        try
        {
            if (request.Method != "GET" || request.Body is not null || request.Headers.Count > 0)
                overridden = await OverrideNavigationAsync(page, request).ConfigureAwait(false);

            var navigation = await page.GotoAsync(request.Url.AbsoluteUri, new PageGotoOptions
            {
                WaitUntil = ToPlaywright(wait?.Until ?? options.WaitUntil),
                Timeout = (float)timeout.TotalMilliseconds,
            }).ConfigureAwait(false)
                ?? throw new FetchException(FetchErrorKinds.Protocol, request.Url, "the browser reported no response for the page.");

            if (selector is not null && navigation.Ok)
            {
                try
                {
                    await page.WaitForSelectorAsync(selector, new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = (float)timeout.TotalMilliseconds }).ConfigureAwait(false);
                }
                catch (TimeoutException ex)
                {
                    throw new FetchException(FetchErrorKinds.Timeout, request.Url, $"the selector '{selector}' did not appear within {timeout.TotalSeconds:0.#} s.", ex);
                }
            }
            return await ToResponseAsync(request, page, navigation, audio).ConfigureAwait(false);
        }
        catch (PlaywrightException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new FetchException(FetchErrorKinds.Timeout, request.Url, $"the page did not load within {timeout.TotalSeconds:0.#} s.", ex);
        }
        catch (PlaywrightException ex) when (tab.Browser.IsConnected && NetworkErrorKind(ex.Message) is { } kind)
        {
            throw new FetchException(kind, request.Url, FirstLine(ex.Message), ex);
        }
        finally
        {
            listening.Dispose();
            await ParkAsync(page, overridden).ConfigureAwait(false);
        }
    }

    private async Task<Response> ToResponseAsync(Request request, IPage page, IResponse navigation, NetworkAudioRecorder audio)
    {
        var headers = await navigation.AllHeadersAsync().ConfigureAwait(false);
        headers.TryGetValue("content-type", out var contentType);
        var isHtml = contentType is null || contentType.Contains("html", StringComparison.OrdinalIgnoreCase);
        byte[] body = isHtml
            ? Encoding.UTF8.GetBytes(await page.ContentAsync().ConfigureAwait(false))
            : await navigation.BodyAsync().ConfigureAwait(false);
        if (body.LongLength > options.MaxBodyBytes)
            throw new FetchException(FetchErrorKinds.TooLarge, request.Url, $"the page is {body.LongLength} bytes, over the limit of {options.MaxBodyBytes}.");

        var values = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var (name, value) in headers)
        {
            if (isHtml && name is "content-type" or "content-length" or "content-encoding")
                continue;
            values.Add(new(name, [value]));
        }
        if (isHtml)
            values.Add(new("content-type", ["text/html; charset=utf-8"]));
        var finalUrl = Uri.TryCreate(page.Url, UriKind.Absolute, out var url) ? url : request.Url;
        return new Response(request, finalUrl, navigation.Status, new ResponseHeaders(values), body) { NetworkAudio = audio.Snapshot() };
    }

    /// <summary>Sends the page's own request with the method, body and headers the request carries (a browser navigation is a plain GET).</summary>
    private static async Task<Func<string, bool>> OverrideNavigationAsync(IPage page, Request request)
    {
        var target = request.Url.AbsoluteUri;
        var handled = 0;
        Func<string, bool> matches = url => url == target;
        await page.RouteAsync(matches, async route =>
        {
            if (Interlocked.Exchange(ref handled, 1) != 0 || !route.Request.IsNavigationRequest)
            {
                await route.FallbackAsync().ConfigureAwait(false);
                return;
            }
            var headers = new Dictionary<string, string>(route.Request.Headers, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in request.Headers)
                headers[name] = value;
            await route.FallbackAsync(new RouteFallbackOptions { Method = request.Method, PostData = request.Body, Headers = headers }).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return matches;
    }

    /// <summary>Leaves the page blank (its scripts and timers stop) for the next request; a page in a bad state is closed and made anew.</summary>
    private static async Task ParkAsync(IPage page, Func<string, bool>? overridden)
    {
        if (page.IsClosed)
            return;
        try
        {
            if (overridden is not null)
                await page.UnrouteAsync(overridden).ConfigureAwait(false);
            await page.GotoAsync("about:blank", new PageGotoOptions { Timeout = 5000 }).ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
            await CloseQuietlyAsync(page).ConfigureAwait(false);
        }
    }

    private static WaitUntilState ToPlaywright(PageLoadState state) => state switch
    {
        PageLoadState.DomContentLoaded => WaitUntilState.DOMContentLoaded,
        PageLoadState.NetworkIdle => WaitUntilState.NetworkIdle,
        _ => WaitUntilState.Load,
    };

    private static string? NetworkErrorKind(string message) =>
        message.Contains("net::ERR_NAME_NOT_RESOLVED", StringComparison.Ordinal) ? FetchErrorKinds.Dns
        : message.Contains("net::ERR_", StringComparison.Ordinal) ? FetchErrorKinds.Connection
        : null;

    private static async Task CloseQuietlyAsync(IPage page)
    {
        try
        {
            await page.CloseAsync().ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
        }
    }

    private static async Task CloseQuietlyAsync(IBrowserContext context)
    {
        try
        {
            await context.CloseAsync().ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
