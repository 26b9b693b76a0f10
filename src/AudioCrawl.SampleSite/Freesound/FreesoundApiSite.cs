using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.SampleSite.Freesound;

/// <summary>
/// A local Freesound APIv2 text search at <c>/apiv2/search/text/</c>: token authentication (<c>Authorization: Token …</c>,
/// 401 <c>{"detail": …}</c> otherwise), <c>query</c>, <c>filter</c> (tag:, license:, duration:[a TO b]), <c>fields</c>,
/// <c>page</c> (404 "Invalid page."), <c>page_size</c> (at most 150), the sound list response with absolute
/// <c>next</c>/<c>previous</c> links, 429s on demand, cut-short pages on demand, and the previews under <c>/previews/</c>.
/// </summary>
public sealed partial class FreesoundApiSite(string apiKey, FreesoundCatalogue? catalogue = null) : ISampleSite
{
    public const string SearchPath = "/apiv2/search/text/";
    public const int MaxPageSize = 150;
    private static readonly string[] DefaultFields = ["id", "name", "tags", "username", "license"];

    public FreesoundCatalogue Catalogue { get; } = catalogue ?? new FreesoundCatalogue();

    /// <summary>429s and cut-short pages on demand.</summary>
    public ApiFaults Faults { get; } = new();

    public string Name => "freesound";

    public string Spider => "freesound";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /admin/\nDisallow: /search/\n", "text/plain"));
        routes.MapGet(SearchPath, Search);
        routes.MapGet("/previews/{folder:int}/{file}", (string file) =>
        {
            var id = int.TryParse(file.Split('_')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
            if (Catalogue.Find(id) is null)
                return Results.NotFound();
            return file.EndsWith(".mp3", StringComparison.Ordinal) ? Results.Bytes(SilentMp3.Create(), "audio/mpeg") : Results.Bytes(WavTone.Create(300), "audio/ogg");
        });
    }

    public IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl) => [];

    public static Uri PreviewUrl(Uri baseUrl, FreesoundSound sound, string quality = "hq", string format = "mp3") => new(baseUrl, sound.PreviewPath(quality, format));

    private IResult Search(HttpContext context)
    {
        if (Faults.Throttled.Take())
        {
            context.Response.Headers["Retry-After"] = "1";
            return Detail(429, "Request was throttled. Expected available in 1 second.");
        }
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = context.Request.Query["token"].ToString();
        if (authorization.Length == 0 && token.Length == 0)
            return Detail(401, "Authentication credentials were not provided.");
        if ((authorization.Length > 0 && authorization != "Token " + apiKey) || (authorization.Length == 0 && token != apiKey))
            return Detail(401, "Invalid token.");
        var query = context.Request.Query;
        if (!TryFilter(query["filter"].ToString(), out var filter))
            return Detail(400, $"Invalid filter: {query["filter"]}");
        var pageSize = 15;
        if (query.ContainsKey("page_size") && !int.TryParse(query["page_size"], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize))
            return Detail(404, "Invalid page.");
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var page = 1;
        if (query.ContainsKey("page") && !int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out page))
            return Detail(404, "Invalid page.");
        var words = query["query"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hits = Catalogue.Sounds
            .Where(s => words.All(w => (s.Name + " " + s.Description + " " + string.Join(' ', s.Tags)).Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Where(filter)
            .ToList();
        var pages = Math.Max(1, (hits.Count + pageSize - 1) / pageSize);
        if (page < 1 || page > pages)
            return Detail(404, "Invalid page.");
        if (Faults.MalformedPages.Contains(page))
            return Results.Text("{\"count\": " + hits.Count + ", \"next\": null, \"results\": [{\"id\": 1", "application/json", Encoding.UTF8);
        var fields = query["fields"].ToString() is { Length: > 0 } requested ? requested.Split(',') : DefaultFields;
        var baseUrl = new Uri($"{context.Request.Scheme}://{context.Request.Host}/");
        var body = new JsonObject
        {
            ["count"] = hits.Count,
            ["previous"] = page > 1 ? PageLink(context, page - 1) : null,
            ["next"] = page < pages ? PageLink(context, page + 1) : null,
            ["results"] = new JsonArray(hits.Skip((page - 1) * pageSize).Take(pageSize).Select(s => (JsonNode)Sound(s, fields, baseUrl)).ToArray()),
        };
        return Results.Text(body.ToJsonString(), "application/json", Encoding.UTF8);
    }

    /// <summary>Freesound's next/previous links: the same query string with another page (the token parameter left out).</summary>
    private static string PageLink(HttpContext context, int page)
    {
        var pairs = context.Request.Query.Where(p => p.Key is not ("page" or "token")).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value.ToString())}");
        return $"{context.Request.Scheme}://{context.Request.Host}{SearchPath}?{string.Join('&', pairs.Prepend($"page={page}"))}";
    }

    private static bool TryFilter(string filter, out Func<FreesoundSound, bool> predicate)
    {
        var tests = new List<Func<FreesoundSound, bool>>();
        predicate = s => tests.All(t => t(s));
        foreach (Match term in FilterTerm().Matches(filter))
        {
            var value = term.Groups["quoted"].Success ? term.Groups["quoted"].Value : term.Groups["bare"].Value;
            switch (term.Groups["field"].Value)
            {
                case "tag":
                    tests.Add(s => s.Tags.Contains(value, StringComparer.OrdinalIgnoreCase));
                    break;
                case "license":
                    tests.Add(s => s.LicenseName.Equals(value, StringComparison.OrdinalIgnoreCase));
                    break;
                case "username":
                    tests.Add(s => s.Username == value);
                    break;
                case "duration" when DurationRange().Match(value) is { Success: true } range:
                    var low = range.Groups[1].Value == "*" ? double.MinValue : double.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture);
                    var high = range.Groups[2].Value == "*" ? double.MaxValue : double.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture);
                    tests.Add(s => s.Duration >= low && s.Duration <= high);
                    break;
                default:
                    return false;
            }
        }
        return FilterTerm().Replace(filter, "").Trim().Length == 0;
    }

    private static JsonObject Sound(FreesoundSound sound, IReadOnlyList<string> fields, Uri baseUrl)
    {
        var all = new Dictionary<string, Func<JsonNode?>>
        {
            ["id"] = () => sound.Id,
            ["url"] = () => new Uri(baseUrl, $"people/{sound.Username}/sounds/{sound.Id}/").AbsoluteUri,
            ["name"] = () => sound.Name,
            ["tags"] = () => new JsonArray(sound.Tags.Select(t => (JsonNode)t).ToArray()),
            ["description"] = () => sound.Description,
            ["license"] = () => sound.License,
            ["username"] = () => sound.Username,
            ["duration"] = () => sound.Duration,
            ["type"] = () => Path.GetExtension(sound.Name).TrimStart('.') is { Length: > 0 } type ? type : "wav",
            ["previews"] = () => new JsonObject
            {
                ["preview-hq-mp3"] = PreviewUrl(baseUrl, sound).AbsoluteUri,
                ["preview-hq-ogg"] = PreviewUrl(baseUrl, sound, "hq", "ogg").AbsoluteUri,
                ["preview-lq-mp3"] = PreviewUrl(baseUrl, sound, "lq").AbsoluteUri,
                ["preview-lq-ogg"] = PreviewUrl(baseUrl, sound, "lq", "ogg").AbsoluteUri,
            },
        };
        var result = new JsonObject();
        foreach (var field in fields.Where(all.ContainsKey))
            result[field] = all[field]();
        return result;
    }

    private static IResult Detail(int status, string detail) =>
        Results.Text(new JsonObject { ["detail"] = detail }.ToJsonString(), "application/json", Encoding.UTF8, status);

    [GeneratedRegex("(?<field>[a-z_]+):(?:\"(?<quoted>[^\"]*)\"|(?<bare>\\[[^\\]]*\\]|[^\\s\"]+))")]
    private static partial Regex FilterTerm();

    [GeneratedRegex(@"^\[\s*(\*|[0-9.]+)\s+TO\s+(\*|[0-9.]+)\s*\]$")]
    private static partial Regex DurationRange();
}
