namespace Crawler.Abstractions;

/// <summary>The base of every error AudioCrawl raises on purpose.</summary>
public class CrawlerException : Exception
{
    public CrawlerException(string message) : base(message) { }
    public CrawlerException(string message, Exception? innerException) : base(message, innerException) { }
}
