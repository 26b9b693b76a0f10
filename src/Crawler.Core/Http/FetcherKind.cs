namespace AudioCrawl.Core.Http;

public enum FetcherKind
{
    Http,
    Browser,
}
