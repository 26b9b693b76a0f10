namespace Crawler.Core.Sitemaps;

/// <summary>One <c>&lt;url&gt;</c> or <c>&lt;sitemap&gt;</c> of a sitemap: its absolute location and its <c>&lt;lastmod&gt;</c>, if it had a readable one.</summary>
public sealed record SitemapEntry(Uri Location, DateTimeOffset? LastModified);
