using System.Text.Json;
using System.Text.Json.Serialization;
using Crawler.Abstractions.Spiders;

namespace Crawler.Abstractions.Http;

/// <summary>
/// An immutable request. The callback is a method name, not a delegate, so a request can be stored in a
/// frontier on disk or in Redis and picked up by another process.
/// </summary>
public sealed record Request : SpiderOutput
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    [JsonConstructor]
    public Request(Uri url, string callback = Spiders.Spider.DefaultCallback)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
            throw new ArgumentException($"A request needs an absolute URL, not '{url}'.", nameof(url));
        ArgumentException.ThrowIfNullOrWhiteSpace(callback);
        Url = url;
        Callback = callback;
    }

    /// <summary>A request for the spider's synchronous callback <paramref name="callback"/> (a method group, stored by name).</summary>
    public Request(Uri url, Func<Response, IEnumerable<SpiderOutput>> callback)
        : this(url, CallbackName.Of(callback))
    {
    }

    /// <summary>A request for the spider's callback <paramref name="callback"/> (a method group, stored by name).</summary>
    public Request(Uri url, Func<Response, CancellationToken, IAsyncEnumerable<SpiderOutput>> callback)
        : this(url, CallbackName.Of(callback))
    {
    }

    public Uri Url { get; init; }

    public string Callback { get; init; }

    public string Method { get; init; } = "GET";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = NoHeaders;

    public byte[]? Body { get; init; }

    /// <summary>Higher runs first; equal priorities run in the order they were scheduled.</summary>
    public int Priority { get; init; }

    public int Depth { get; init; }

    /// <summary>The spider's own context for the callback, kept as JSON so it survives persistence.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>
    /// The name of the fetcher for this request (<see cref="FetcherKind.Http"/>, <see cref="FetcherKind.Browser"/> or
    /// one registered in the crawl host); null uses the spider's <c>fetcher</c> engine setting.
    /// </summary>
    [JsonConverter(typeof(FetcherNameJsonConverter))]
    public string? Fetcher { get; init; }

    /// <summary>When a browser-fetched page counts as loaded; null uses the engine's browser settings. Ignored by HTTP.</summary>
    public BrowserWait? Wait { get; init; }

    /// <summary>
    /// Stream a 2xx body to this file instead of holding it in memory (audio downloads: memory does not grow with the
    /// file); the response's <c>Body</c> then holds only the first bytes. Fetchers that cannot stream ignore it.
    /// </summary>
    public string? BodyFile { get; init; }

    /// <summary>Schedule even when a request with the same fingerprint was seen before.</summary>
    public bool DontFilter { get; init; }

    /// <summary>
    /// Hand the callback binary responses too (audio, video, images, archives, octet streams); by default they are
    /// counted and not parsed. Text, HTML, JSON and XML are always handed over.
    /// </summary>
    public bool AcceptBinary { get; init; }

    /// <summary>
    /// Ask "has it changed?" instead of fetching blindly: in a scheduled run (<c>run-once</c>, <c>schedule</c>) the
    /// request carries If-None-Match / If-Modified-Since from the ETag / Last-Modified an earlier run stored for it, a
    /// 304 Not Modified goes to the callback (<see cref="Response.IsNotModified"/>), and the re-crawl policy never
    /// skips it. Outside scheduled runs it is an ordinary request.
    /// </summary>
    public bool Revalidate { get; init; }

    /// <summary>
    /// Follow HTTP redirects (up to the engine's <c>maxRedirects</c>). False hands the 3xx response itself over, for a
    /// callback that reads where a URL redirects to without fetching the target; list the 3xx statuses it wants in
    /// <see cref="HandleStatuses"/>. Ignored by the browser fetcher.
    /// </summary>
    public bool FollowRedirects { get; init; } = true;

    /// <summary>
    /// When the page last changed, as a sitemap's <c>&lt;lastmod&gt;</c> said; null when unknown. An incremental run
    /// skips a request whose LastModified is not newer than its last fetch (see <c>RecrawlFrontier</c>).
    /// </summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>
    /// A page that lists others (a sitemap, a sitemap index): an incremental run fetches it again every time, as it
    /// does start requests (depth 0), so new entries are found; it still counts for depth limits and de-duplication.
    /// </summary>
    public bool IsListing { get; init; }

    /// <summary>
    /// A call to a service's documented API (the service invites it and names its own rules: keys, rate limits).
    /// robots.txt for page crawling does not govern it unless <c>obeyRobotsTxt</c> is <c>strict</c>; politeness,
    /// retries, limits and every other filter still apply, and the spider's <see cref="Spiders.Spider.Credentials"/>
    /// are added to it at send time. Audio files and pages of the same service are not API calls.
    /// </summary>
    public bool Api { get; init; }

    /// <summary>Non-2xx statuses the callback wants to see (by default they are counted and dropped).</summary>
    public IReadOnlyList<int> HandleStatuses { get; init; } = [];

    public Request WithData<T>(T data) => this with { Data = JsonSerializer.SerializeToElement(data) };

    public T GetData<T>()
    {
        if (Data is not { } data)
            throw new InvalidOperationException($"The request for {Url} carries no data.");
        return data.Deserialize<T>() ?? throw new InvalidOperationException($"The data of the request for {Url} is null.");
    }
}
