using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.SampleSite.XenoCanto;

/// <summary>
/// A local xeno-canto API v3 at <c>/api/3/recordings?query=…&amp;key=…&amp;page=N&amp;per_page=M</c>: the key is
/// required (401), queries must use search tags (400), per_page is 50–500 and page must exist (400), errors come as
/// <c>{"error": …, "message": …}</c>; 429s and cut-short pages on demand. Recordings download from <c>/{id}/download</c>.
/// </summary>
public sealed class XenoCantoApiSite(string apiKey, XenoCantoCatalogue? catalogue = null) : ISampleSite
{
    public const string ApiPath = "/api/3/recordings";

    public XenoCantoCatalogue Catalogue { get; } = catalogue ?? new XenoCantoCatalogue();

    /// <summary>429s and cut-short pages on demand.</summary>
    public ApiFaults Faults { get; } = new();

    public string Name => "xenocanto";

    public string Spider => "xenocanto";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow:\n", "text/plain"));
        routes.MapGet(ApiPath, Recordings);
        routes.MapGet("/{id:int}/download", (int id) => Catalogue.Find(id) is null ? Results.NotFound() : Results.Bytes(SilentMp3.Create(), "audio/mpeg"));
    }

    public IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl) => [];

    public static Uri FileUrl(Uri baseUrl, XenoCantoRecording recording) => new(baseUrl, $"{recording.Id}/download");

    private IResult Recordings(HttpContext context)
    {
        var query = context.Request.Query;
        if (Faults.Throttled.Take())
        {
            context.Response.Headers["Retry-After"] = "1";
            return Error(429, "too_many_requests", "Too many requests; please slow down.");
        }
        var key = query["key"].ToString();
        if (key.Length == 0)
            return Error(401, "missing_parameter", "No API key specified. Get one from your account page, https://xeno-canto.org/account.");
        if (key != apiKey)
            return Error(401, "invalid_key", "Invalid API key.");
        if (query["query"].ToString() is not { Length: > 0 } search)
            return Error(400, "missing_parameter", "No query specified.");
        if (!XenoCantoQuery.TryParse(search, out var terms, out var problem))
            return Error(400, "client_error", problem!);
        var perPage = 100;
        if (query.ContainsKey("per_page") && (!int.TryParse(query["per_page"], NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage is < 50 or > 500))
            return Error(400, "client_error", "per_page must be between 50 and 500.");
        var page = 1;
        if (query.ContainsKey("page") && !int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out page))
            return Error(400, "client_error", "page must be a number.");
        var hits = Catalogue.Recordings.Where(r => XenoCantoQuery.Matches(r, terms)).ToList();
        var pages = Math.Max(1, (hits.Count + perPage - 1) / perPage);
        if (page < 1 || page > pages)
            return Error(400, "client_error", $"Page {page} is out of range (1-{pages}).");
        if (Faults.MalformedPages.Contains(page))
            return Results.Text("{\"numRecordings\":\"" + hits.Count + "\",\"recordings\":[{\"id\":\"1", "application/json", Encoding.UTF8);
        var baseUrl = new Uri($"{context.Request.Scheme}://{context.Request.Host}/");
        var body = new JsonObject
        {
            ["numRecordings"] = hits.Count.ToString(CultureInfo.InvariantCulture),
            ["numSpecies"] = hits.Select(h => h.ScientificName).Distinct().Count().ToString(CultureInfo.InvariantCulture),
            ["page"] = page,
            ["numPages"] = pages,
            ["recordings"] = new JsonArray(hits.Skip((page - 1) * perPage).Take(perPage).Select(r => (JsonNode)Recording(r, baseUrl)).ToArray()),
        };
        return Results.Text(body.ToJsonString(), "application/json", Encoding.UTF8);
    }

    private static JsonObject Recording(XenoCantoRecording r, Uri baseUrl)
    {
        var id = r.Id.ToString(CultureInfo.InvariantCulture);
        var host = baseUrl.Authority;
        var fileName = $"XC{id}-{r.Genus}-{r.Species}.mp3";
        return new JsonObject
        {
            ["id"] = id,
            ["gen"] = r.Genus,
            ["sp"] = r.Species,
            ["ssp"] = r.Subspecies,
            ["grp"] = r.Group,
            ["en"] = r.English,
            ["rec"] = r.Recordist,
            ["cnt"] = r.Country,
            ["loc"] = r.Locality,
            ["lat"] = "52.0907",
            ["lon"] = "5.1214",
            ["alt"] = "5",
            ["type"] = r.Type,
            ["sex"] = "male",
            ["stage"] = "adult",
            ["method"] = "field recording",
            ["url"] = $"//{host}/{id}",
            ["file"] = FileUrl(baseUrl, r).AbsoluteUri,
            ["file-name"] = fileName,
            ["sono"] = new JsonObject
            {
                ["small"] = $"//{host}/sounds/uploaded/ABCDEFGHIJ/ffts/XC{id}-small.png",
                ["med"] = $"//{host}/sounds/uploaded/ABCDEFGHIJ/ffts/XC{id}-med.png",
                ["large"] = $"//{host}/sounds/uploaded/ABCDEFGHIJ/ffts/XC{id}-large.png",
                ["full"] = $"//{host}/sounds/uploaded/ABCDEFGHIJ/ffts/XC{id}-full.png",
            },
            ["osci"] = new JsonObject
            {
                ["small"] = $"//{host}/sounds/uploaded/ABCDEFGHIJ/wave/XC{id}-small.png",
                ["med"] = $"//{host}/sounds/uploaded/ABCDEFGHIJ/wave/XC{id}-med.png",
                ["large"] = $"//{host}/sounds/uploaded/ABCDEFGHIJ/wave/XC{id}-large.png",
            },
            ["lic"] = r.License,
            ["q"] = r.Quality,
            ["length"] = r.Length,
            ["time"] = "06:30",
            ["date"] = "2023-04-17",
            ["uploaded"] = "2023-04-20",
            ["also"] = new JsonArray(),
            ["rmk"] = "",
            ["animal-seen"] = "yes",
            ["playback-used"] = "no",
            ["temp"] = "",
            ["regnr"] = "",
            ["auto"] = "no",
            ["dvc"] = "",
            ["mic"] = "",
            ["smp"] = "48000",
        };
    }

    private static IResult Error(int status, string error, string message) =>
        Results.Text(new JsonObject { ["error"] = error, ["message"] = message }.ToJsonString(), "application/json", Encoding.UTF8, status);
}
