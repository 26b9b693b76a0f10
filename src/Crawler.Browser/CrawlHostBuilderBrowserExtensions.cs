using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crawler.Browser;

public static class CrawlHostBuilderBrowserExtensions
{
    /// <summary>
    /// Headless Chromium as <see cref="FetcherKind.Browser"/>, with the engine's browser settings: started on the first
    /// request that asks for it (so a crawl that never does starts no browser), closed with the host.
    /// </summary>
    public static CrawlHostBuilder AddBrowserFetcher(this CrawlHostBuilder builder) =>
        builder.AddFetcher(FetcherKind.Browser, services => new BrowserFetcher(
            BrowserFetcherOptions.From(services.GetRequiredService<EngineSettings>()),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("browser")));
}
