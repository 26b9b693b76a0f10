using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Crawler.Abstractions.Html;
using Crawler.Abstractions.Spiders;
using HtmlAgilityPack;

namespace Crawler.Abstractions.Http;

/// <summary>
/// A fetched page. Text, the AngleSharp document, the HtmlAgilityPack document and the JSON view are each
/// built on first use and kept, so a callback that asks twice parses once.
/// </summary>
public sealed class Response
{
    private readonly Lazy<Encoding> _encoding;
    private readonly Lazy<string> _text;
    private readonly Lazy<IDocument> _document;
    private readonly Lazy<HtmlDocument> _htmlAgilityDocument;
    private readonly Lazy<JsonDocument> _json;
    private readonly Lazy<Uri> _baseUrl;

    public Response(Request request, Uri url, int status, ResponseHeaders headers, ReadOnlyMemory<byte> body)
    {
        Request = request;
        Url = url;
        Status = status;
        Headers = headers;
        Body = body;
        _encoding = new Lazy<Encoding>(() => CharsetDetector.Detect(Headers.ContentType, Body.Span));
        _text = new Lazy<string>(DecodeText);
        _document = new Lazy<IDocument>(() => new HtmlParser().ParseDocument(Text));
        _htmlAgilityDocument = new Lazy<HtmlDocument>(() =>
        {
            var document = new HtmlDocument();
            document.LoadHtml(Text);
            return document;
        });
        _json = new Lazy<JsonDocument>(() => JsonDocument.Parse(Body));
        _baseUrl = new Lazy<Uri>(FindBaseUrl);
    }

    public Request Request { get; }

    /// <summary>The URL after redirects.</summary>
    public Uri Url { get; }

    public int Status { get; }

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>A 304 to a <see cref="Http.Request.Revalidate"/> request: the page is as an earlier run read it.</summary>
    public bool IsNotModified => Status == 304;

    public ResponseHeaders Headers { get; }

    /// <summary>Audio URLs the page requested while it ran in the browser (always empty for HTTP fetches).</summary>
    public IReadOnlyList<Uri> NetworkAudio { get; init; } = [];

    /// <summary>The body; for a request with <see cref="Request.BodyFile"/>, only its first bytes (the rest is in the file).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Where the whole body was streamed to, when the request asked for <see cref="Request.BodyFile"/> and got a 2xx.</summary>
    public string? BodyFile { get; init; }

    /// <summary>The size of the whole (decoded) body in bytes, streamed to <see cref="BodyFile"/> or in <see cref="Body"/>.</summary>
    public long BodyLength
    {
        get => _bodyLength ?? Body.Length;
        init => _bodyLength = value;
    }

    private readonly long? _bodyLength;

    /// <summary>The media type without parameters, lower-cased (for example <c>text/html</c>), or null.</summary>
    public string? MediaType => Headers.MediaType;

    public bool IsHtml => MediaType is null or "text/html" or "application/xhtml+xml";

    /// <summary>Text a spider can parse: no Content-Type, text/*, or an HTML, JSON, XML or JavaScript type.</summary>
    public bool IsTextual => MediaType is not { } type
        || type.StartsWith("text/", StringComparison.Ordinal)
        || type.Contains("json", StringComparison.Ordinal)
        || type.Contains("xml", StringComparison.Ordinal)
        || type.Contains("javascript", StringComparison.Ordinal)
        || type == "application/x-www-form-urlencoded";

    public Encoding Encoding => _encoding.Value;

    public string Text => _text.Value;

    /// <summary>The page as an AngleSharp DOM, parsed offline from the body.</summary>
    public IDocument Document => _document.Value;

    /// <summary>The page as an HtmlAgilityPack DOM, for XPath.</summary>
    public HtmlDocument HtmlAgilityDocument => _htmlAgilityDocument.Value;

    public JsonElement Json => _json.Value.RootElement;

    /// <summary>The URL relative links resolve against: <c>&lt;base href&gt;</c> when the page has one.</summary>
    public Uri BaseUrl => _baseUrl.Value;

    public IReadOnlyList<IElement> Css(string selector) => Document.QuerySelectorAll(selector).ToArray();

    public IElement? CssFirst(string selector) => Document.QuerySelector(selector);

    public IReadOnlyList<HtmlNode> XPath(string xpath) =>
        HtmlAgilityDocument.DocumentNode.SelectNodes(xpath)?.ToArray() ?? [];

    public T? ReadJson<T>(JsonSerializerOptions? options = null) => JsonSerializer.Deserialize<T>(Body.Span, options);

    /// <summary>Resolves a link as a browser would; null for empty, malformed or non-http(s) links.</summary>
    public Uri? Resolve(string? href) => LinkResolver.Resolve(BaseUrl, href);

    /// <summary>A request for a link on this page, one level deeper.</summary>
    public Request? Follow(string? href, string callback = Spiders.Spider.DefaultCallback)
    {
        var url = Resolve(href);
        return url is null ? null : new Request(url, callback) { Depth = Request.Depth + 1 };
    }

    /// <summary>A request for a link on this page, one level deeper, for the spider's synchronous callback <paramref name="callback"/>.</summary>
    public Request? Follow(string? href, Func<Response, IEnumerable<SpiderOutput>> callback) => Follow(href, CallbackName.Of(callback));

    /// <summary>A request for a link on this page, one level deeper, for the spider's callback <paramref name="callback"/>.</summary>
    public Request? Follow(string? href, Func<Response, CancellationToken, IAsyncEnumerable<SpiderOutput>> callback) => Follow(href, CallbackName.Of(callback));

    /// <summary>Requests for every distinct resolvable link, in page order, for the spider's synchronous callback <paramref name="callback"/>.</summary>
    public IEnumerable<Request> FollowAll(IEnumerable<string?> hrefs, Func<Response, IEnumerable<SpiderOutput>> callback) => FollowAll(hrefs, CallbackName.Of(callback));

    /// <summary>Requests for every distinct resolvable link, in page order, for the spider's callback <paramref name="callback"/>.</summary>
    public IEnumerable<Request> FollowAll(IEnumerable<string?> hrefs, Func<Response, CancellationToken, IAsyncEnumerable<SpiderOutput>> callback) => FollowAll(hrefs, CallbackName.Of(callback));

    /// <summary>Requests for every distinct resolvable link, in page order.</summary>
    public IEnumerable<Request> FollowAll(IEnumerable<string?> hrefs, string callback = Spiders.Spider.DefaultCallback)
    {
        var seen = new HashSet<Uri>();
        foreach (var href in hrefs)
        {
            var url = Resolve(href);
            if (url is not null && seen.Add(url))
                yield return new Request(url, callback) { Depth = Request.Depth + 1 };
        }
    }

    private string DecodeText()
    {
        var span = Body.Span;
        var bom = Encoding.CodePage switch
        {
            65001 when span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) => 3,
            1200 when span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) => 2,
            1201 when span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) => 2,
            _ => 0,
        };
        return Encoding.GetString(span[bom..]);
    }

    private Uri FindBaseUrl()
    {
        if (!IsHtml || Body.IsEmpty)
            return Url;
        var href = HtmlTagSearch.FirstAttribute(Text, "base", "href");
        return LinkResolver.Resolve(Url, href) ?? Url;
    }
}
