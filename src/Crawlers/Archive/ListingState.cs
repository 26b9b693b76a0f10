namespace Crawlers.Archive;

/// <summary>What a listing request carries: the input it lists for, and how many items were listed before it.</summary>
public sealed record ListingState(string Input, string Query, int Listed);
