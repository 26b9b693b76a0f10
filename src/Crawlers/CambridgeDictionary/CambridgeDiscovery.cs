namespace Crawlers.CambridgeDictionary;

/// <summary>How the cambridge spider finds the entries it fetches.</summary>
public enum CambridgeDiscovery
{
    /// <summary>The word list when one is given; otherwise browse if robots.txt allows <c>/browse/{dictionary}/</c>, else the sitemaps.</summary>
    Auto,

    /// <summary>The dictionary's sitemaps: robots.txt <c>Sitemap:</c> lines of the dictionary, else <c>/sitemap/{dictionary}/sitemap1.xml</c>, <c>sitemap2.xml</c>, … until one is missing.</summary>
    Sitemap,

    /// <summary>The browse pages: index → letters → ranges → entries.</summary>
    Browse,

    /// <summary>The entry pages of <c>words</c> and <c>wordsFile</c>.</summary>
    Words,
}
