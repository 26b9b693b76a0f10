using Crawler.Abstractions.Html;
using Crawler.Abstractions.Http;

namespace Crawler.Core.Politeness;

/// <summary>
/// A page's opt-out from datasets, as img2dataset reads it: <c>X-Robots-Tag</c> headers (for every agent, or
/// naming ours as <c>AudioCrawl: noai</c>) and <c>&lt;meta name="robots"&gt;</c> (or a meta named after our
/// product token) listing one of the configured directives (noai, noindex, ...).
/// </summary>
public static class OptOut
{
    /// <summary>The first opt-out directive the page states, or null when its pairs may be kept.</summary>
    public static string? Find(Response response, IReadOnlyCollection<string> directives, string productToken)
    {
        if (directives.Count == 0)
            return null;
        foreach (var header in response.Headers.GetValues("X-Robots-Tag"))
        {
            var value = header;
            var colon = value.IndexOf(':');
            if (colon > 0 && !value[..colon].Contains(',') && !value[..colon].Trim().Contains(' '))
            {
                var agent = value[..colon].Trim();
                if (!directives.Contains(agent, StringComparer.OrdinalIgnoreCase))
                {
                    if (!string.Equals(agent, productToken, StringComparison.OrdinalIgnoreCase) && agent != "*")
                        continue;
                    value = value[(colon + 1)..];
                }
            }
            if (Match(value, directives) is { } found)
                return found;
        }
        if (!response.IsHtml || response.Body.IsEmpty)
            return null;
        foreach (var (rawName, content) in HtmlTagSearch.MetaNamesAndContents(response.Text))
        {
            var name = rawName.Trim();
            if (!string.Equals(name, "robots", StringComparison.OrdinalIgnoreCase) && !string.Equals(name, productToken, StringComparison.OrdinalIgnoreCase))
                continue;
            if (Match(content, directives) is { } found)
                return found;
        }
        return null;
    }

    private static string? Match(string? list, IReadOnlyCollection<string> directives) =>
        list?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => directives.Contains(d, StringComparer.OrdinalIgnoreCase))
            ?.ToLowerInvariant();
}
