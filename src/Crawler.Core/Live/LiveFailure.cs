namespace Crawler.Core.Live;

/// <summary>A request that failed (after its retries) or whose callback threw, as the live view lists it.</summary>
public sealed record LiveFailure(DateTimeOffset Time, string Url, string Kind, string Message);
