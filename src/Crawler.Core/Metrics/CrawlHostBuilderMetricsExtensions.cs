using AudioCrawl.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AudioCrawl.Core.Metrics;

public static class CrawlHostBuilderMetricsExtensions
{
    /// <summary>Writes the crawl's time series to <see cref="TimelineOptions.Path"/> (see <see cref="TimelineRecorder"/>).</summary>
    public static CrawlHostBuilder AddTimeline(this CrawlHostBuilder builder, TimelineOptions options)
    {
        builder.Services.AddSingleton(options);
        return builder.AddExtension<TimelineRecorder>();
    }
}
