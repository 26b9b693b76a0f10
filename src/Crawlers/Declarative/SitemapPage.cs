namespace Crawlers.Declarative;

/// <summary>What a request for a page listed in a sitemap carries: the index of the sitemap rule that matched it.</summary>
internal sealed record SitemapPage(int Rule);
