using Crawler.Abstractions;

namespace Crawler.Core.Pipeline;

/// <summary>A sink could not open, write or flush; the crawl stops with what was already acknowledged kept.</summary>
public sealed class SinkFailedException(string sink, string action, Exception innerException)
    : CrawlerException($"{sink}: could not {action}: {innerException.Message}", innerException)
{
    public string Sink { get; } = sink;
}
