using AudioCrawl.Commands;
using Crawler.Browser;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;
using Crawler.Core.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sinks.Download;

namespace AudioCrawl.Running;

/// <summary>
/// The crawl host every command starts from: the HTTP and browser fetchers, and whatever the embedding environment
/// registers (<see cref="CliEnvironment.ConfigureHost"/>); a crawl's host also gets the sinks crawlers.json names for
/// its spider. Commands add their own features (a CSV, a job directory, Redis, media download) and nothing else.
/// </summary>
public static class CrawlHosts
{
    /// <summary>The host of a crawl of no spider (the download command's rows: <see cref="Sinks.Download.DownloadCrawl"/>).</summary>
    public static CrawlHostBuilder ForDownload(CrawlPlan plan, CliEnvironment environment, ILoggerFactory loggers) =>
        WithCommonFeatures(CrawlHostBuilder.For(plan, loggers, environment.Time), environment);

    /// <summary>The host of a crawl of <paramref name="plan"/>, with the sinks of <paramref name="config"/> that apply to it.</summary>
    public static CrawlHostBuilder ForCrawl(CrawlPlan plan, CrawlerConfig config, CliEnvironment environment, ILoggerFactory loggers) =>
        WithCommonFeatures(CrawlHostBuilder.For(plan, loggers, environment.Time), environment)
            .AddSinks(SinkEntry.ReadAll(config, CommonOptions.Sinks(environment)), plan.Name);

    private static CrawlHostBuilder WithCommonFeatures(CrawlHostBuilder builder, CliEnvironment environment)
    {
        // The audio fetcher with its default limits: a crawlers.json webdataset/files sink needs it; CLI flags replace it.
        builder.AddHttpFetcher().AddBrowserFetcher().AddMediaDownload().AddExtension<LiveFeed>();
        builder.Services.AddSingleton(new CrawlCommandLine(environment.Arguments));
        environment.ConfigureHost?.Invoke(builder);
        return builder;
    }
}
