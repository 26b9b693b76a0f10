using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.SampleSite.BbcSoundEffects;

/// <summary>
/// The BBC Sound Effects site's JSON search API and media host as the site's own pages call them:
/// <c>POST /api/sfx/search</c> with <c>{"criteria": {"from", "size", "query", "categories"}}</c> answering
/// <c>{"total", "results": [{"id", "description", "duration" (ms), "categories": [{"className"}], "tags", "source",
/// "recordist", "file": {"small", "original"}}]}</c>; 400 for a missing body, a size outside 1-100 or a page past the
/// result window (Elasticsearch's <see cref="ResultWindow"/>); <c>GET /mp3/{id}.mp3</c>. The query "glitch" gets a
/// cut-short body; the first <see cref="ThrottleSearchRequests"/> searches get 429 with Retry-After.
/// </summary>
public sealed class BbcSoundEffectsSite : ISampleSite
{
    public const string GlitchQuery = "glitch";

    private static readonly string[] Categories = ["Animals", "Nature", "Transport", "Household", "Machines"];
    private static readonly string[] Subjects =
    [
        "Blackbird song in a garden, early morning.", "Heavy rain on a car roof.", "Steam locomotive departing a station.",
        "Kettle boiling and switching off.", "Typewriter, fast typing with bell.", "Waves breaking on a shingle beach.",
        "Dog barking in the distance.", "Underground train arriving at a platform.", "Cutlery rattling in a drawer.",
        "Printing press running, 1970s.",
    ];

    private int _searches;

    public BbcSoundEffectsSite(int effects = 230)
    {
        Effects = Enumerable.Range(1, effects).Select(n =>
        {
            var category = Categories[(n - 1) % Categories.Length];
            var description = Subjects[(n - 1) % Subjects.Length].TrimEnd('.') + $" (take {n}).";
            var id = n % 7 == 0 ? $"NHU0510{n:0000}" : $"0707{n:0000}";
            return new SoundEffect(id, description, category, 1500 + n * 37, [category.ToLowerInvariant(), n % 2 == 0 ? "stereo" : "mono"]);
        }).ToArray();
    }

    public string Name => "bbc-sfx";

    public string Spider => "bbc-sfx";

    public IReadOnlyList<SoundEffect> Effects { get; }

    public int ResultWindow { get; init; } = 10_000;

    public int ThrottleSearchRequests { get; set; }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /api/\n", "text/plain"));
        routes.MapPost("/api/sfx/search", (HttpRequest request, HttpResponse response) => SearchAsync(request, response));
        routes.MapGet("/mp3/{file}", (string file) =>
            Effects.Any(e => file == e.Id + ".mp3") ? Results.Bytes(SilentMp3.Create(), "audio/mpeg") : Results.NotFound());
    }

    /// <summary>Every effect of the catalogue: (MP3 URL, description).</summary>
    public IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl) => ExpectedPairs(baseUrl, Effects);

    public static IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl, IEnumerable<SoundEffect> effects) =>
        effects.Select(e => (new Uri(baseUrl, $"/mp3/{e.Id}.mp3").AbsoluteUri, e.Description)).ToArray();

    public IEnumerable<SoundEffect> Matching(string? query, string? category) => Effects.Where(e =>
        (category is null || e.Category.Equals(category, StringComparison.OrdinalIgnoreCase))
        && (query is null || query.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w => e.Description.Contains(w, StringComparison.OrdinalIgnoreCase))));

    private static IResult Error(int status, string message) =>
        Results.Json(new JsonObject { ["statusCode"] = status, ["message"] = message }, statusCode: status);

    private async Task<IResult> SearchAsync(HttpRequest request, HttpResponse response)
    {
        if (Interlocked.Increment(ref _searches) <= ThrottleSearchRequests)
        {
            response.Headers.RetryAfter = "1";
            return Error(429, "Too Many Requests");
        }
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return Error(400, "Request body must be JSON");
        }
        if (body?["criteria"] is not JsonObject criteria)
            return Error(400, "\"criteria\" is required");
        var from = (int?)criteria["from"] ?? 0;
        var size = (int?)criteria["size"] ?? 20;
        if (size is < 1 or > 100)
            return Error(400, "\"size\" must be between 1 and 100");
        if (from < 0 || from + size > ResultWindow)
            return Error(400, string.Create(CultureInfo.InvariantCulture, $"Result window is too large, from + size must be less than or equal to: [{ResultWindow}] but was [{from + size}]"));
        var query = (string?)criteria["query"];
        if (query == GlitchQuery)
            return Results.Text("{\"total\": 3, \"results\": [{\"id\": \"0707", "application/json");
        var category = criteria["categories"] is JsonArray { Count: > 0 } categories ? (string?)categories[0] : null;
        var matches = Matching(query, category).ToArray();
        var results = new JsonArray([.. matches.Skip(from).Take(size).Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Id,
            ["description"] = e.Description,
            ["duration"] = e.DurationMilliseconds,
            ["categories"] = new JsonArray(new JsonObject { ["className"] = e.Category }),
            ["tags"] = new JsonArray([.. e.Tags.Select(t => (JsonNode)JsonValue.Create(t))]),
            ["source"] = e.Id.StartsWith("NHU", StringComparison.Ordinal) ? "BBC Natural History Unit" : "BBC Sound Effects Library",
            ["recordist"] = e.Id.StartsWith("NHU", StringComparison.Ordinal) ? "Chris Watson" : null,
            ["file"] = new JsonObject { ["small"] = new JsonObject { ["name"] = e.Id + ".mp3" }, ["original"] = new JsonObject { ["name"] = e.Id + ".wav" } },
            ["fileSizes"] = new JsonObject { ["mp3FileSize"] = e.DurationMilliseconds * 16, ["wavFileSize"] = e.DurationMilliseconds * 176 },
        })]);
        return Results.Json(new JsonObject { ["total"] = matches.Length, ["results"] = results });
    }
}
