namespace Crawler.Abstractions.Http;

/// <summary>
/// The names of the built-in fetchers. <see cref="Request.Fetcher"/> and the <c>fetcher</c> setting name a fetcher
/// registered in the crawl host (<c>AddFetcher</c>), so a fetcher of your own is one class and one registration.
/// </summary>
public static class FetcherKind
{
    /// <summary>Plain HTTP (<see cref="HttpFetcher"/>).</summary>
    public const string Http = "http";

    /// <summary>Headless Chromium that runs the page's scripts.</summary>
    public const string Browser = "browser";

    /// <summary>Plain HTTP with the audio size and time limits: the fetcher of audio downloads.</summary>
    public const string Audio = "audio";
}
