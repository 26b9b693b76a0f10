namespace Crawlers;

/// <summary>Short names of Creative Commons licence URLs: <c>//creativecommons.org/licenses/by-nc-sa/4.0/</c> → "CC BY-NC-SA 4.0".</summary>
internal static class CreativeCommons
{
    public static string? ShortName(Uri? url)
    {
        if (url is null || !url.Host.EndsWith("creativecommons.org", StringComparison.OrdinalIgnoreCase))
            return null;
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["licenses", var kind, var version, ..] => $"CC {kind.ToUpperInvariant()} {version}",
            ["publicdomain", "zero", var version, ..] => $"CC0 {version}",
            ["publicdomain", "mark", var version, ..] => $"Public Domain Mark {version}",
            _ => null,
        };
    }
}
