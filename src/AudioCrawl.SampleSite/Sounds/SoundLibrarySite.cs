using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.SampleSite.Sounds;

/// <summary>
/// A small sound library: index → category pages (paginated, with a "next" link) → sound pages with an
/// &lt;audio&gt; element and a title. Some sounds have no audio; the featured sounds are linked from every category.
/// </summary>
public sealed class SoundLibrarySite(SoundCatalogue? catalogue = null) : ISampleSite
{
    private readonly SoundCatalogue _catalogue = catalogue ?? new SoundCatalogue();

    public string Name => "sounds";

    public string Spider => "sounds";

    public SoundCatalogue Catalogue => _catalogue;

    /// <summary>A site that changed its markup: category pages list their sounds as plain text, with no links and no "next" link.</summary>
    public bool CategoriesWithoutLinks { get; init; }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /private/\n", "text/plain"));
        routes.MapGet("/", () => Html("Sound library", Index()));
        routes.MapGet("/category/{name}", (string name, int? page) => Category(name, page ?? 1));
        routes.MapGet("/sound/{id:int}", (int id) => SoundPage(id));
        routes.MapGet("/audio/{id:int}.wav", (int id) =>
            _catalogue.Find(id) is { HasAudio: true } sound
                ? Results.Bytes(WavTone.Create(sound.Frequency), "audio/wav")
                : Results.NotFound());
        routes.MapGet("/private/{**rest}", () => Html("Private", "<p>Crawlers are asked not to come here.</p>"));
    }

    public IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl) =>
        _catalogue.Sounds
            .Where(s => s.HasAudio)
            .Select(s => (new Uri(baseUrl, $"audio/{s.Id}.wav").AbsoluteUri, Normalize(s.Title)))
            .ToArray();

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Index()
    {
        var body = new StringBuilder("<ul class=\"categories\">");
        foreach (var category in SoundCatalogue.Categories)
            body.Append($"<li><a href=\"/category/{category}\">{category}</a></li>");
        body.Append("</ul><p><a href=\"/private/admin\">admin</a></p>");
        return body.ToString();
    }

    private IResult Category(string name, int page)
    {
        var sounds = _catalogue.InCategory(name);
        if (sounds.Count == 0)
            return Results.NotFound();
        var pages = (sounds.Count + SoundCatalogue.PageSize - 1) / SoundCatalogue.PageSize;
        if (page < 1 || page > pages)
            return Results.NotFound();
        var body = new StringBuilder($"<h1>{name}</h1><ul class=\"sounds\">");
        var shown = sounds.Skip((page - 1) * SoundCatalogue.PageSize).Take(SoundCatalogue.PageSize);
        if (page == 1)
            shown = _catalogue.Featured.Concat(shown);
        foreach (var sound in shown)
        {
            body.Append(CategoriesWithoutLinks
                ? $"<li class=\"sound\" data-id=\"{sound.Id}\">{WebUtility.HtmlEncode(sound.Title)}</li>"
                : $"<li><a class=\"sound\" href=\"/sound/{sound.Id}\">{WebUtility.HtmlEncode(sound.Title)}</a></li>");
        }
        body.Append("</ul><nav>");
        if (page < pages && !CategoriesWithoutLinks)
            body.Append($"<a rel=\"next\" class=\"next\" href=\"?page={page + 1}\">Next page</a>");
        body.Append("</nav>");
        return Html(name, body.ToString());
    }

    private IResult SoundPage(int id)
    {
        if (_catalogue.Find(id) is not { } sound)
            return Results.NotFound();
        var audio = sound.HasAudio
            ? $"<audio controls><source src=\"../audio/{sound.Id}.wav\" type=\"audio/wav\"></audio>"
            : "<p class=\"missing\">Audio coming soon.</p>";
        var related = _catalogue.Find(id % _catalogue.Sounds.Count + 1)!;
        return Html(sound.Title,
            $"<article><h1 class=\"title\">{WebUtility.HtmlEncode(sound.Title)}</h1>{audio}" +
            $"<p>Related: <a href=\"/sound/{related.Id}#top\">{WebUtility.HtmlEncode(related.Title)}</a></p></article>");
    }

    private static IResult Html(string title, string body) =>
        Results.Content(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>" +
            $"<body><header><a href=\"/\">Home</a></header><main>{body}</main></body></html>",
            "text/html; charset=utf-8");
}
