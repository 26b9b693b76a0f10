using System.Globalization;

namespace Crawler.Abstractions.Politeness;

/// <summary>
/// A parsed robots.txt (RFC 9309): groups of rules by user agent, plus the <c>Sitemap:</c> lines. The crawler finds
/// the group naming its product token (case-insensitively, groups with the same name merged), else the <c>*</c>
/// group, else no rules. Among matching rules the longest wins; on a tie Allow wins. <c>/robots.txt</c> itself is
/// always allowed.
/// </summary>
public sealed class RobotsTxt
{
    /// <summary>RFC 9309 lets a crawler stop parsing after 500 kibibytes.</summary>
    public const int MaxParsedBytes = 500 * 1024;

    private RobotsTxt(IReadOnlyList<RobotsGroup> groups, IReadOnlyList<Uri> sitemaps, bool disallowAll)
    {
        Groups = groups;
        Sitemaps = sitemaps;
        DisallowsAll = disallowAll;
    }

    /// <summary>No file, or a 4xx: everything is allowed.</summary>
    public static RobotsTxt AllowAll { get; } = new([], [], disallowAll: false);

    /// <summary>A 5xx or an unreachable server: nothing is allowed until robots.txt can be read.</summary>
    public static RobotsTxt DisallowAll { get; } = new([], [], disallowAll: true);

    public IReadOnlyList<RobotsGroup> Groups { get; }

    /// <summary>Sitemap URLs the file lists, for spiders that start from sitemaps.</summary>
    public IReadOnlyList<Uri> Sitemaps { get; }

    public bool DisallowsAll { get; }

    /// <summary>The product token of a User-Agent header: "AudioCrawl" for "AudioCrawl/0.1 (+https://...)".</summary>
    public static string ProductToken(string userAgent)
    {
        var trimmed = userAgent.TrimStart();
        var end = 0;
        while (end < trimmed.Length && (char.IsAsciiLetter(trimmed[end]) || trimmed[end] is '-' or '_'))
            end++;
        return end == 0 ? trimmed : trimmed[..end];
    }

    public static RobotsTxt Parse(string text, Uri? baseUrl = null)
    {
        if (text.Length > MaxParsedBytes)
            text = text[..MaxParsedBytes];
        var groups = new List<RobotsGroup>();
        var sitemaps = new List<Uri>();
        List<string>? agents = null;
        List<RobotsRule> rules = [];
        double? crawlDelay = null;
        var inRules = false;

        void Close()
        {
            if (agents is not null)
                groups.Add(new RobotsGroup(agents, rules, crawlDelay));
            agents = null;
            rules = [];
            crawlDelay = null;
            inRules = false;
        }

        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            var hash = line.IndexOf('#');
            if (hash >= 0)
                line = line[..hash];
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (inRules)
                        Close();
                    agents ??= [];
                    agents.Add(ProductToken(value));
                    break;
                case "allow" or "disallow" when agents is not null:
                    inRules = true;
                    if (value.Length > 0)
                        rules.Add(new RobotsRule(key == "allow", value));
                    break;
                case "crawl-delay" when agents is not null:
                    inRules = true;
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && double.IsFinite(seconds))
                        crawlDelay = seconds;
                    break;
                case "sitemap":
                    if (SitemapUrl(value, baseUrl) is { } sitemap)
                        sitemaps.Add(sitemap);
                    break;
            }
        }
        Close();
        return new RobotsTxt(groups, sitemaps, disallowAll: false);
    }

    private static Uri? SitemapUrl(string value, Uri? baseUrl)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
            return absolute;
        if (baseUrl is not null && value.StartsWith('/') && Uri.TryCreate(baseUrl, value, out var relative))
            return relative;
        return null;
    }

    /// <summary>The merged group that applies to <paramref name="productToken"/>, or null when none does.</summary>
    public RobotsGroup? GroupFor(string productToken)
    {
        var named = Groups.Where(g => g.UserAgents.Any(a => string.Equals(a, productToken, StringComparison.OrdinalIgnoreCase))).ToList();
        if (named.Count == 0)
            named = Groups.Where(g => g.UserAgents.Contains("*")).ToList();
        if (named.Count == 0)
            return null;
        if (named.Count == 1)
            return named[0];
        return new RobotsGroup(
            named.SelectMany(g => g.UserAgents).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            named.SelectMany(g => g.Rules).ToList(),
            named.Select(g => g.CrawlDelay).FirstOrDefault(d => d is not null));
    }

    public bool IsAllowed(Uri url, string productToken)
    {
        var path = RobotsPath.Of(url);
        if (path == "/robots.txt")
            return true;
        if (DisallowsAll)
            return false;
        return IsAllowed(GroupFor(productToken), path);
    }

    /// <summary>Seconds the matching group asks between requests, or null.</summary>
    public double? CrawlDelayFor(string productToken) => GroupFor(productToken)?.CrawlDelay;

    private static bool IsAllowed(RobotsGroup? group, string normalizedPath)
    {
        if (group is null)
            return true;
        RobotsRule? best = null;
        foreach (var rule in group.Rules)
        {
            if (!rule.Matches(normalizedPath))
                continue;
            if (best is null || rule.Length > best.Length || (rule.Length == best.Length && rule.Allow && !best.Allow))
                best = rule;
        }
        return best?.Allow ?? true;
    }
}
