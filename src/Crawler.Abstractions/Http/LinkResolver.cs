namespace Crawler.Abstractions.Http;

/// <summary>Resolves hrefs against a base URL, keeping only http and https results.</summary>
public static class LinkResolver
{
    public static Uri? Resolve(Uri baseUrl, string? href)
    {
        if (string.IsNullOrWhiteSpace(href))
            return null;
        var trimmed = href.Trim();
        if (trimmed.StartsWith('#'))
            return null;
        if (!Uri.TryCreate(baseUrl, trimmed, out var resolved))
            return null;
        if (resolved.Scheme != Uri.UriSchemeHttp && resolved.Scheme != Uri.UriSchemeHttps)
            return null;
        if (!string.IsNullOrEmpty(resolved.Fragment))
            resolved = new UriBuilder(resolved) { Fragment = string.Empty }.Uri;
        return resolved;
    }
}
