namespace AudioCrawl.Core.Http;

/// <summary>
/// Sends each request to the fetcher its <see cref="Request.Fetcher"/> names (or the crawl's default). The browser
/// fetcher is created on the first browser request only, so a crawl that never asks for one never starts a browser.
/// Disposes both fetchers.
/// </summary>
public sealed class FetcherRouter(IFetcher http, Func<IFetcher>? createBrowser, FetcherKind defaultKind = FetcherKind.Http) : IFetcher, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private IFetcher? _browser;
    private bool _disposed;

    public FetcherKind DefaultKind => defaultKind;

    /// <summary>True once a browser request created the browser fetcher.</summary>
    public bool BrowserStarted => Volatile.Read(ref _browser) is not null;

    public ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default) =>
        (request.Fetcher ?? defaultKind) switch
        {
            FetcherKind.Browser => Browser(request).FetchAsync(request, cancellationToken),
            _ => http.FetchAsync(request, cancellationToken),
        };

    public async ValueTask DisposeAsync()
    {
        IFetcher? browser;
        lock (_gate)
        {
            _disposed = true;
            browser = _browser;
        }
        await DisposeFetcherAsync(browser).ConfigureAwait(false);
        await DisposeFetcherAsync(http).ConfigureAwait(false);
    }

    private IFetcher Browser(Request request)
    {
        if (Volatile.Read(ref _browser) is { } existing)
            return existing;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (createBrowser is null)
                throw new FetchException(FetchErrorKinds.NoBrowser, request.Url, "the request asks for the browser fetcher, but this crawl has none (the CLI provides it).");
            return _browser ??= createBrowser();
        }
    }

    private static async ValueTask DisposeFetcherAsync(IFetcher? fetcher)
    {
        switch (fetcher)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
