using Crawler.Abstractions;

namespace Crawler.Core.Sitemaps;

/// <summary>A sitemap file that was refused; <see cref="Reason"/> is one of <see cref="SitemapFailureReasons"/>.</summary>
public sealed class SitemapException(Uri location, string reason, string message, Exception? innerException = null)
    : CrawlerException($"sitemap {location}: {message}", innerException)
{
    public Uri Location { get; } = location;

    public string Reason { get; } = reason;

    /// <summary>
    /// For a file that breaks off into malformed XML after its root: the entries read before the error (an
    /// unescaped <c>&amp;</c> in the 30,000th URL should not lose the first 29,999). Null for every other refusal.
    /// </summary>
    public SitemapDocument? ReadBeforeError { get; init; }
}
