using Crawler.Abstractions;

namespace Sinks.Download;

/// <summary>A row that will not become a sample; <see cref="Reason"/> is its status-table reason.</summary>
public sealed class SampleRejectedException(string reason, string message, Exception? innerException = null)
    : CrawlerException(message, innerException)
{
    public string Reason { get; } = reason;
}
