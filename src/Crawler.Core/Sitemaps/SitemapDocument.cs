namespace Crawler.Core.Sitemaps;

/// <summary>
/// A sitemap file as read: its kind, its entries in file order, and how many entries were skipped because they had
/// no <c>&lt;loc&gt;</c> or one that is not an http(s) URL.
/// </summary>
public sealed record SitemapDocument(Uri Location, SitemapKind Kind, IReadOnlyList<SitemapEntry> Entries, int InvalidEntries);
