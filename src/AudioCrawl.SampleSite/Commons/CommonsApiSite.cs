using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.SampleSite.Commons;

/// <summary>
/// A local Wikimedia Commons: the MediaWiki Action API at <c>/w/api.php</c> (action=query, format=json,
/// formatversion=2) with <c>generator=categorymembers</c>, <c>generator=search</c> and <c>list=categorymembers</c>,
/// <c>prop=imageinfo</c> (<c>url|mime|size|extmetadata</c>, <c>iiextmetadatafilter</c>), the <c>continue</c> protocol,
/// MediaWiki error bodies (<c>MediaWiki-API-Error</c> header, HTTP 200), the maxlag answer (Retry-After,
/// X-Database-Lag), Wikimedia's User-Agent policy (403 without a descriptive one), 429s on demand, and the
/// originals under <c>/upload/</c>. Its robots.txt closes <c>/w/</c> to every crawler, as the real one does.
/// </summary>
public sealed class CommonsApiSite(CommonsCatalogue? catalogue = null) : ISampleSite
{
    public const string ApiPath = "/w/api.php";
    public const string RobotsTxt = "User-agent: *\nDisallow: /w/\nDisallow: /api/\nDisallow: /wiki/Special:\n";
    private const int MaxLimit = 500;

    public CommonsCatalogue Catalogue { get; } = catalogue ?? new CommonsCatalogue();

    /// <summary>API calls (with maxlag set) answered with the maxlag error before the replicas "catch up".</summary>
    public Countdown Lagged { get; } = new();

    /// <summary>Seconds of Retry-After on a maxlag error (Wikimedia sends 5).</summary>
    public int LagRetryAfterSeconds { get; init; } = 5;

    /// <summary>API calls answered 429 Too Many Requests (Retry-After: 1) before the API answers again.</summary>
    public Countdown Throttled { get; } = new();

    /// <summary>Categories whose file listing comes back cut short (invalid JSON).</summary>
    public ISet<string> MalformedCategories { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The User-Agent of every API call, to check the spider identifies itself.</summary>
    public IReadOnlyCollection<string> UserAgents => _userAgents.Keys.ToArray();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _userAgents = new();

    public string Name => "commons";

    public string Spider => "commons";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/robots.txt", () => Results.Text(RobotsTxt, "text/plain; charset=utf-8"));
        routes.MapGet(ApiPath, Api);
        routes.MapGet("/upload/{**path}", (HttpContext context) =>
            Catalogue.FindByUploadPath(context.Request.Path.Value ?? "") is { } file
                ? Results.Bytes(file.Mime == "audio/mpeg" ? SilentMp3.Create() : WavTone.Create(440 + file.PageId % 400), file.Mime)
                : Results.NotFound());
    }

    public IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl) => [];

    /// <summary>The absolute URL of a file's original, as imageinfo reports it.</summary>
    public static Uri FileUrl(Uri baseUrl, CommonsFile file) => new(baseUrl, file.UploadPath);

    private IResult Api(HttpContext context)
    {
        var query = context.Request.Query;
        var userAgent = context.Request.Headers.UserAgent.ToString();
        _userAgents.TryAdd(userAgent, 0);
        if (!IsDescriptive(userAgent))
            return Results.Text("Please set a user-agent and respect our robot policy https://w.wiki/4wJS. See also T400119.", "text/plain", Encoding.UTF8, 403);
        if (Throttled.Take())
            return TooManyRequests(context);
        if (query["action"] != "query")
            return Error(context, "badvalue", $"Unrecognized value for parameter \"action\": {query["action"]}.");
        if (query["format"] != "json" || query["formatversion"] != "2")
            return Error(context, "badvalue", "This mock serves format=json&formatversion=2 only.");
        if (query.ContainsKey("maxlag") && Lagged.Take())
            return LagError(context, query["maxlag"].ToString());
        var baseUrl = new Uri($"{context.Request.Scheme}://{context.Request.Host}/");
        return (query["generator"].ToString(), query["list"].ToString()) switch
        {
            ("categorymembers", "") => FileListing(context, baseUrl, "gcm", query["gcmtitle"].ToString(), Catalogue.InCategory(query["gcmtitle"].ToString())),
            ("search", "") => SearchListing(context, baseUrl),
            ("", "categorymembers") => Subcategories(context),
            _ => Error(context, "missingparam", "The \"generator\" or \"list\" parameter must be set."),
        };
    }

    private static bool IsDescriptive(string userAgent) =>
        userAgent.Length > 0 && (userAgent.Contains("http", StringComparison.OrdinalIgnoreCase) || userAgent.Contains('@'))
        && !userAgent.StartsWith("python-requests", StringComparison.OrdinalIgnoreCase) && !userAgent.StartsWith("curl/", StringComparison.OrdinalIgnoreCase);

    private IResult FileListing(HttpContext context, Uri baseUrl, string prefix, string category, IReadOnlyList<CommonsFile> members)
    {
        var query = context.Request.Query;
        if (category.Length == 0)
            return Error(context, "missingparam", $"The \"{prefix}title\" parameter must be set.");
        if (!category.StartsWith("Category:", StringComparison.Ordinal))
            return Error(context, "invalidcategory", $"The category name you have entered is not valid: {category}.");
        if (query["gcmtype"] != "file")
            members = [];
        if (ImageInfoProblem(query) is { } problem)
            return Error(context, "badvalue", problem);
        if (!TryLimit(query[$"{prefix}limit"], out var limit))
            return Error(context, "badinteger", $"Invalid value \"{query[$"{prefix}limit"]}\" for integer parameter \"{prefix}limit\".");
        if (!TryContinue(query[$"{prefix}continue"], members.Select(m => m.PageId).ToList(), "file", out var start))
            return BadContinue(context);
        if (MalformedCategories.Contains(category))
            return Results.Text("{\"batchcomplete\":true,\"query\":{\"pages\":[{\"pageid\":1,\"ns\":6,\"title\":\"File:Cut", "application/json; charset=utf-8");
        var page = members.Skip(start).Take(limit).ToList();
        var body = new JsonObject { ["batchcomplete"] = true };
        if (start + limit < members.Count)
        {
            var next = members[start + limit];
            body["continue"] = new JsonObject { [$"{prefix}continue"] = ContinueToken("file", next.Title, next.PageId), ["continue"] = $"{prefix}continue||" };
        }
        if (page.Count > 0)
            body["query"] = new JsonObject { ["pages"] = new JsonArray(page.Select(f => (JsonNode)FilePage(f, baseUrl, query)).ToArray()) };
        return Json(body);
    }

    private IResult SearchListing(HttpContext context, Uri baseUrl)
    {
        var query = context.Request.Query;
        var search = query["gsrsearch"].ToString();
        if (search.Length == 0)
            return Error(context, "missingparam", "The \"gsrsearch\" parameter must be set.");
        if (query["gsrnamespace"] != "6")
            return Json(new JsonObject { ["batchcomplete"] = true });
        if (ImageInfoProblem(query) is { } problem)
            return Error(context, "badvalue", problem);
        if (!TryLimit(query["gsrlimit"], out var limit))
            return Error(context, "badinteger", $"Invalid value \"{query["gsrlimit"]}\" for integer parameter \"gsrlimit\".");
        var offset = 0;
        if (query.ContainsKey("gsroffset") && !int.TryParse(query["gsroffset"], NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            return Error(context, "badinteger", $"Invalid value \"{query["gsroffset"]}\" for integer parameter \"gsroffset\".");
        var hits = Catalogue.Search(search);
        var body = new JsonObject { ["batchcomplete"] = true };
        if (offset + limit < hits.Count)
            body["continue"] = new JsonObject { ["gsroffset"] = offset + limit, ["continue"] = "gsroffset||" };
        var pages = hits.Skip(offset).Take(limit).Select((f, i) =>
        {
            var node = FilePage(f, baseUrl, query);
            node["index"] = offset + i + 1;
            return (JsonNode)node;
        }).ToArray();
        if (pages.Length > 0)
            body["query"] = new JsonObject { ["pages"] = new JsonArray(pages) };
        return Json(body);
    }

    private IResult Subcategories(HttpContext context)
    {
        var query = context.Request.Query;
        var category = query["cmtitle"].ToString();
        if (category.Length == 0)
            return Error(context, "missingparam", "The \"cmtitle\" or \"cmpageid\" parameter must be set.");
        var subcategories = query["cmtype"] == "subcat" ? Catalogue.Subcategories.GetValueOrDefault(category) ?? [] : [];
        if (!TryLimit(query["cmlimit"], out var limit))
            return Error(context, "badinteger", $"Invalid value \"{query["cmlimit"]}\" for integer parameter \"cmlimit\".");
        if (!TryContinue(query["cmcontinue"], subcategories.Select(CommonsCatalogue.CategoryPageId).ToList(), "subcat", out var start))
            return BadContinue(context);
        var body = new JsonObject { ["batchcomplete"] = true };
        if (start + limit < subcategories.Count)
        {
            var next = subcategories[start + limit];
            body["continue"] = new JsonObject { ["cmcontinue"] = ContinueToken("subcat", next, CommonsCatalogue.CategoryPageId(next)), ["continue"] = "-||" };
        }
        body["query"] = new JsonObject
        {
            ["categorymembers"] = new JsonArray(subcategories.Skip(start).Take(limit)
                .Select(c => (JsonNode)new JsonObject { ["pageid"] = CommonsCatalogue.CategoryPageId(c), ["ns"] = 14, ["title"] = c }).ToArray()),
        };
        return Json(body);
    }

    private static string? ImageInfoProblem(IQueryCollection query)
    {
        if (query["prop"] != "imageinfo")
            return "prop must be imageinfo.";
        var wanted = query["iiprop"].ToString().Split('|');
        return new[] { "url", "mime", "size", "extmetadata" }.All(wanted.Contains) ? null : "iiprop must include url|mime|size|extmetadata.";
    }

    private static bool TryLimit(string? raw, out int limit)
    {
        limit = 10;
        if (string.IsNullOrEmpty(raw))
            return true;
        if (raw == "max")
        {
            limit = MaxLimit;
            return true;
        }
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            return false;
        limit = Math.Min(limit, MaxLimit);
        return true;
    }

    /// <summary>Continue tokens look like MediaWiki's: <c>type|SORTKEY-HEX|pageid</c>; anything else is badcontinue.</summary>
    private static bool TryContinue(string? raw, IReadOnlyList<int> pageIds, string type, out int start)
    {
        start = 0;
        if (string.IsNullOrEmpty(raw))
            return true;
        var parts = raw.Split('|');
        if (parts.Length != 3 || parts[0] != type || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pageId))
            return false;
        start = pageIds.ToList().IndexOf(pageId);
        return start >= 0;
    }

    private static string ContinueToken(string type, string title, int pageId) =>
        $"{type}|{Convert.ToHexString(Encoding.UTF8.GetBytes(title.ToUpperInvariant()[(title.IndexOf(':') + 1)..]))}|{pageId}";

    private static JsonObject FilePage(CommonsFile file, Uri baseUrl, IQueryCollection query)
    {
        var metadata = new JsonObject
        {
            ["DateTime"] = Field("2021-03-14 09:26:53", "mediawiki-metadata", hidden: true),
            ["ObjectName"] = Field(file.ObjectName, "mediawiki-metadata", hidden: true),
            ["ImageDescription"] = file.Description.Length > 0 ? Field(file.Description, "commons-desc-page") : null,
            ["Artist"] = Field(file.Artist, "commons-desc-page"),
            ["LicenseShortName"] = Field(file.License, "commons-desc-page", hidden: true),
            ["LicenseUrl"] = file.LicenseUrl.Length > 0 ? Field(file.LicenseUrl, "commons-desc-page", hidden: true) : null,
            ["AttributionRequired"] = Field(file.License is "CC0" or "Public domain" ? "false" : "true", "commons-desc-page", hidden: true),
            ["Copyrighted"] = Field(file.License is "CC0" or "Public domain" ? "False" : "True", "commons-desc-page", hidden: true),
        };
        foreach (var key in metadata.Where(p => p.Value is null).Select(p => p.Key).ToList())
            metadata.Remove(key);
        if (query["iiextmetadatafilter"].ToString() is { Length: > 0 } filter)
        {
            var keep = filter.Split('|');
            foreach (var key in metadata.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
                metadata.Remove(key);
        }
        var url = FileUrl(baseUrl, file).AbsoluteUri;
        var description = new Uri(baseUrl, "wiki/" + Uri.EscapeDataString(file.Title.Replace(' ', '_')).Replace("%3A", ":", StringComparison.Ordinal)).AbsoluteUri;
        var info = new JsonObject
        {
            ["size"] = 40_000 + file.PageId % 1000,
            ["width"] = file.Width,
            ["height"] = file.Width == 0 ? 0 : file.Width * 9 / 16,
            ["duration"] = file.Duration,
            ["url"] = url,
            ["descriptionurl"] = description,
            ["descriptionshorturl"] = new Uri(baseUrl, $"w/index.php?curid={file.PageId}").AbsoluteUri,
            ["mime"] = file.Mime,
            ["extmetadata"] = metadata,
        };
        return new JsonObject
        {
            ["pageid"] = file.PageId,
            ["ns"] = 6,
            ["title"] = file.Title,
            ["imagerepository"] = "local",
            ["imageinfo"] = new JsonArray(info),
        };
    }

    private static JsonObject Field(string value, string source, bool hidden = false)
    {
        var field = new JsonObject { ["value"] = value, ["source"] = source };
        if (hidden)
            field["hidden"] = "";
        return field;
    }

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8);

    private static IResult Error(HttpContext context, string code, string info)
    {
        context.Response.Headers["MediaWiki-API-Error"] = code;
        return Json(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["info"] = info,
                ["docref"] = "See https://commons.wikimedia.org/w/api.php for API usage. Subscribe to the mediawiki-api-announce mailing list at &lt;https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/&gt; for notice of API deprecations and breaking changes.",
            },
            ["servedby"] = "mw-api-ext.mock",
        });
    }

    private static IResult BadContinue(HttpContext context) =>
        Error(context, "badcontinue", "Invalid continue param. You should pass the original value returned by the previous query.");

    private IResult LagError(HttpContext context, string maxlag)
    {
        context.Response.Headers["Retry-After"] = LagRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-Database-Lag"] = "7";
        context.Response.Headers["MediaWiki-API-Error"] = "maxlag";
        return Json(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "maxlag",
                ["info"] = $"Waiting for 10.64.16.8: 7 seconds lagged (maxlag={maxlag}).",
                ["host"] = "10.64.16.8",
                ["lag"] = 7,
                ["type"] = "db",
                ["*"] = "See https://commons.wikimedia.org/w/api.php for API usage.",
            },
            ["servedby"] = "mw-api-ext.mock",
        });
    }

    private static IResult TooManyRequests(HttpContext context)
    {
        context.Response.Headers["Retry-After"] = "1";
        return Results.Text("<!DOCTYPE html><html><head><title>Wikimedia Error</title></head><body><p>Too many requests. Please respect our robot policy https://w.wiki/4wJS.</p></body></html>", "text/html; charset=utf-8", Encoding.UTF8, 429);
    }
}
