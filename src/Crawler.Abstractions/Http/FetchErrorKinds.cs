namespace Crawler.Abstractions.Http;

/// <summary>The kinds a <see cref="FetchException"/> is counted under.</summary>
public static class FetchErrorKinds
{
    public const string Timeout = "timeout";
    public const string Connection = "connection";
    public const string Dns = "dns";
    public const string TooLarge = "too_large";
    public const string Protocol = "protocol";
    public const string UnsupportedScheme = "unsupported_scheme";
    public const string TooManyRedirects = "too_many_redirects";
    public const string RedirectLoop = "redirect_loop";

    /// <summary>A compressed body that is corrupt or cut short.</summary>
    public const string Decoding = "decoding";
    public const string NoBrowser = "no_browser";

    /// <summary>The request names a fetcher the crawl host has no registration for.</summary>
    public const string NoFetcher = "no_fetcher";
    public const string Browser = "browser";
}
