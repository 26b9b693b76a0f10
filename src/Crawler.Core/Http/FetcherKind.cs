namespace AudioCrawl.Core.Http;

/// <summary>Which fetcher turns a request into a response: plain HTTP, or a headless browser that runs the page's scripts.</summary>
public enum FetcherKind
{
    Http,
    Browser,
}
