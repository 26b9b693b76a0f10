using Crawler.Abstractions;

namespace Crawler.Core.Http;

/// <summary>
/// A fetch stage decided not to send a request at all (robots.txt forbids it, ...). The engine counts it under
/// <see cref="Reason"/> among the dropped requests; it is not an error and is not retried.
/// </summary>
public sealed class RequestDroppedException(string reason, Uri url, string message)
    : CrawlerException($"{url}: {message}")
{
    public string Reason { get; } = reason;

    public Uri Url { get; } = url;
}
