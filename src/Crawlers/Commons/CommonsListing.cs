namespace Crawlers.Commons;

/// <summary>What an API call lists, carried by its request so the next batch (the <c>continue</c> values) can be asked for.</summary>
internal sealed record CommonsListing(CommonsListingKind Kind, string Target, int Depth)
{
    /// <summary>Maxlag answers this call had so far.</summary>
    public int Lagged { get; init; }
}
