using Crawler.Abstractions.Hosting;
using Crawler.Abstractions.Http;

namespace AudioCrawl.Testing.Extending;

/// <summary>README's "extend the engine" middleware: a header on every request.</summary>
public sealed class CrawlIdHeaderMiddleware : IFetchMiddleware
{
    public ValueTask<Response> FetchAsync(Request request, FetchDelegate next, CancellationToken cancellationToken) =>
        next(request with { Headers = new Dictionary<string, string>(request.Headers) { ["X-Crawl-Id"] = "nightly-42" } }, cancellationToken);
}
