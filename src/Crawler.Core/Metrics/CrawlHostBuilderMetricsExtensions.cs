using Crawler.Abstractions.Scheduling;
using Crawler.Abstractions.Stats;
using Crawler.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Crawler.Core.Metrics;

public static class CrawlHostBuilderMetricsExtensions
{
    /// <summary>
    /// The crawl's <see cref="System.Diagnostics.Metrics"/> instruments (<see cref="CrawlMetrics"/>, meter
    /// <c>AudioCrawl</c>); <paramref name="scope"/> becomes the meter's scope (a <see cref="PrometheusExporter"/>
    /// exports the meters whose scope it is).
    /// </summary>
    public static CrawlHostBuilder AddMetrics(this CrawlHostBuilder builder, object? scope = null)
    {
        builder.Services.AddSingleton(services => new CrawlMetrics(
            services.GetRequiredService<CrawlStats>(), services.GetRequiredService<IFrontier>(), services.GetRequiredService<TimeProvider>(), scope));
        return builder.AddExtension<CrawlMetrics>();
    }

    /// <summary>Writes the crawl's time series to <see cref="TimelineOptions.Path"/> (see <see cref="TimelineRecorder"/>).</summary>
    public static CrawlHostBuilder AddTimeline(this CrawlHostBuilder builder, TimelineOptions options)
    {
        builder.Services.AddSingleton(options);
        return builder.AddExtension<TimelineRecorder>();
    }
}
