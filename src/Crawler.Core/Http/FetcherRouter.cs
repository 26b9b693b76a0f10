using Crawler.Abstractions.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Crawler.Core.Http;

/// <summary>
/// The innermost step of the fetch pipeline: sends each request to the fetcher its <see cref="Request.Fetcher"/>
/// names (or the crawl's default), a keyed service of the crawl host. A fetcher is created on the first request that
/// names it, so a crawl that never asks for the browser never starts one; the host disposes the fetchers.
/// </summary>
public sealed class FetcherRouter(IServiceProvider services, IReadOnlyCollection<string> names, string defaultName) : IFetcher
{
    public string DefaultName => defaultName;

    public IReadOnlyCollection<string> Names => names;

    public ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default)
    {
        var name = request.Fetcher ?? defaultName;
        var fetcher = services.GetKeyedService<IFetcher>(name) ?? throw Missing(name, request.Url);
        return fetcher.FetchAsync(request, cancellationToken);
    }

    private FetchException Missing(string name, Uri url) => name == FetcherKind.Browser
        ? new FetchException(FetchErrorKinds.NoBrowser, url, "the request asks for the browser fetcher, but this crawl has none (add it with AddBrowserFetcher; the CLI does).")
        : new FetchException(FetchErrorKinds.NoFetcher, url, $"the request asks for the fetcher '{name}', which this crawl does not have (it has {string.Join(", ", names)}).");
}
