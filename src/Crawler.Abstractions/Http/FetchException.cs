namespace Crawler.Abstractions.Http;

/// <summary>A request that produced no usable response. <see cref="Kind"/> is the stats key (timeout, connection, too_large, ...).</summary>
public sealed class FetchException(string kind, Uri url, string message, Exception? innerException = null)
    : CrawlerException($"{url}: {message}", innerException)
{
    public string Kind { get; } = kind;

    public Uri Url { get; } = url;
}
