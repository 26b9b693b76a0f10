namespace Crawler.Abstractions.Politeness;

/// <summary>
/// One Allow or Disallow line of a robots.txt group (RFC 9309 2.2.2). <c>*</c> matches any run of characters and
/// a trailing <c>$</c> anchors the end; otherwise a rule matches a path that starts with it.
/// </summary>
public sealed record RobotsRule(bool Allow, string Pattern)
{
    private readonly string _normalized = RobotsPath.Normalize(Pattern);

    /// <summary>The rule's length in octets, as RFC 9309 compares rules (the longest match wins).</summary>
    public int Length => _normalized.Length;

    /// <summary>Whether the rule matches a path already normalized with <see cref="RobotsPath.Normalize"/>.</summary>
    public bool Matches(string normalizedPath) => Match(_normalized, 0, normalizedPath, 0);

    /// <summary>Wildcard matching with one backtrack point (linear-ish, no exponential blow-up on hostile patterns).</summary>
    private static bool Match(string pattern, int p, string path, int i)
    {
        var anchored = pattern.EndsWith('$');
        var end = anchored ? pattern.Length - 1 : pattern.Length;
        var star = -1;
        var resume = 0;
        while (i < path.Length)
        {
            if (p < end && pattern[p] == '*')
            {
                star = p++;
                resume = i;
            }
            else if (p < end && pattern[p] == path[i])
            {
                p++;
                i++;
            }
            else if (p == end && !anchored)
            {
                return true;
            }
            else if (star >= 0)
            {
                p = star + 1;
                i = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < end && pattern[p] == '*')
            p++;
        return p == end;
    }
}
