namespace Crawlers.BbcSoundEffects;

/// <summary>One search input (a query, a category, both or neither) and the offset of the page requested.</summary>
public sealed record SfxSearchState(string Input, string? Query, string? Category, int From)
{
    /// <summary>The matches the previous page reported.</summary>
    public long? Total { get; init; }
}
