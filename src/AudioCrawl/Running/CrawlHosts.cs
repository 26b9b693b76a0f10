using AudioCrawl.Browser;
using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Hosting;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Cli.Running;

/// <summary>
/// The crawl host every command starts from: the HTTP and browser fetchers over the given engine settings, and
/// whatever the embedding environment registers (<see cref="CliEnvironment.ConfigureHost"/>). Commands add their
/// own features (sinks, a job directory, Redis, media download) to it and nothing else.
/// </summary>
public static class CrawlHosts
{
    public static CrawlHostBuilder Create(EngineSettings engine, CliEnvironment environment, ILoggerFactory loggers)
    {
        var builder = new CrawlHostBuilder(engine, loggers, environment.Time).AddHttpFetcher().AddBrowserFetcher();
        environment.ConfigureHost?.Invoke(builder);
        return builder;
    }
}
