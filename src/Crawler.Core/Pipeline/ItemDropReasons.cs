namespace Crawler.Core.Pipeline;

/// <summary>The reasons a pair is dropped, as counted in the stats.</summary>
public static class ItemDropReasons
{
    public const string InvalidUrl = "invalid_url";
    public const string EmptyText = "empty_text";
    public const string Duplicate = "duplicate";
    public const string MaxItems = "max_items";

    /// <summary>The page opted out of datasets (X-Robots-Tag or meta robots noai/noindex).</summary>
    public const string OptOut = "opt_out";

    /// <summary>A reason in words, for a message that names the row it applies to.</summary>
    public static string Describe(string reason) => reason switch
    {
        InvalidUrl => "the url is not an absolute http(s) URL",
        EmptyText => "the text is empty (after trimming, collapsing white space and removing control characters)",
        Duplicate => "the (url, text) pair came before",
        _ => reason,
    };
}
