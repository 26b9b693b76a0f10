namespace AudioCrawl.Core.Sitemaps;

/// <summary>A sitemap file that was refused; <see cref="Reason"/> is one of <see cref="SitemapFailureReasons"/>.</summary>
public sealed class SitemapException(Uri location, string reason, string message, Exception? innerException = null)
    : CrawlerException($"sitemap {location}: {message}", innerException)
{
    public Uri Location { get; } = location;

    public string Reason { get; } = reason;
}
