using Crawler.Abstractions.Hosting;
using Crawler.Abstractions.Http;

namespace Crawler.Core.Hosting;

/// <summary>A fetch middleware placed in front of the stage after it.</summary>
internal sealed class MiddlewareFetcher(IFetchMiddleware middleware, IFetcher next) : IFetcher
{
    private readonly FetchDelegate _next = next.FetchAsync;

    public ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default) =>
        middleware.FetchAsync(request, _next, cancellationToken);
}
