using System.Diagnostics.Metrics;

namespace Crawler.Core.Metrics;

/// <summary>
/// A listener given as a crawl meter's scope (<see cref="CrawlMetrics"/>): told just before the meter closes, so it
/// can collect the final values (a scrape after the crawl then shows the counts <c>--stats</c> wrote).
/// </summary>
public interface IMetricsCollector
{
    void CollectBeforeClose(Meter meter);
}
