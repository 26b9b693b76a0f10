using Crawler.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Sinks.Csv;

public static class CrawlHostBuilderCsvExtensions
{
    /// <summary>
    /// A <c>csv</c> sink with <paramref name="settings"/>, created through the container by the constructor a crawlers.json
    /// <c>csv</c> entry uses, so <c>-o</c>, a run's CSV and a crawlers.json entry are one sink made one way.
    /// </summary>
    public static CrawlHostBuilder AddCsvSink(this CrawlHostBuilder builder, CsvSinkSettings settings) =>
        builder.AddSink(services => ActivatorUtilities.CreateInstance<CsvPairSink>(services, settings));
}
