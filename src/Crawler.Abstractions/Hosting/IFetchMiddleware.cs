using Crawler.Abstractions.Http;

namespace Crawler.Abstractions.Hosting;

/// <summary>
/// A step of the fetch pipeline (Scrapy's downloader middleware, .NET's DelegatingHandler): it sees each request on
/// its way to the fetcher and the response on its way back, and may change either, answer by itself without calling
/// <paramref name="next"/>, or throw. Register one with <see cref="CrawlHostBuilder.AddFetchMiddleware{T}"/>; it is
/// created through the container, so its constructor may ask for settings, the clock, loggers or stats.
/// </summary>
public interface IFetchMiddleware
{
    ValueTask<Response> FetchAsync(Request request, FetchDelegate next, CancellationToken cancellationToken);
}
