namespace AudioCrawl.Core.Pipeline;

/// <summary>The reasons a pair is dropped, as counted in the stats.</summary>
public static class ItemDropReasons
{
    public const string InvalidUrl = "invalid_url";
    public const string EmptyText = "empty_text";
    public const string Duplicate = "duplicate";
    public const string MaxItems = "max_items";

    /// <summary>The page opted out of datasets (X-Robots-Tag or meta robots noai/noindex).</summary>
    public const string OptOut = "opt_out";
}
