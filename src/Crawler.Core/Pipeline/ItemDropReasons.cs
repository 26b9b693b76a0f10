namespace AudioCrawl.Core.Pipeline;

/// <summary>The reasons a pair is dropped, as counted in the stats.</summary>
public static class ItemDropReasons
{
    public const string InvalidUrl = "invalid_url";
    public const string EmptyText = "empty_text";
    public const string Duplicate = "duplicate";
    public const string MaxItems = "max_items";
}
