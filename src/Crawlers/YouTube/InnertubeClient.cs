namespace Crawlers.YouTube;

/// <summary>
/// The WEB client identity a page's <c>ytcfg</c> announces, sent back as the <c>context.client</c> of youtubei
/// continuation requests and as the X-YouTube-Client-* headers.
/// </summary>
public sealed record InnertubeClient
{
    /// <summary>What YouTube served in late 2025; used when a page carries no ytcfg.</summary>
    public static InnertubeClient Fallback { get; } = new();

    public string ClientName { get; init; } = "WEB";

    /// <summary>INNERTUBE_CONTEXT_CLIENT_NAME: the numeric id of the client, 1 for WEB.</summary>
    public string ClientNameId { get; init; } = "1";

    public string ClientVersion { get; init; } = "2.20251120.01.00";

    public string? ApiKey { get; init; }

    public string? VisitorData { get; init; }

    public string Hl { get; init; } = "en";

    public string Gl { get; init; } = "US";
}
