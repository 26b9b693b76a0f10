using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.SampleSite.Podcast;

/// <summary>
/// A podcast blog with WordPress's markup: archive pages (<c>/</c>, <c>/page/2/</c>, ...) of
/// <c>article.post</c> entries with a <c>nav.pagination</c> "next" link, and one post per episode holding the
/// <c>[audio]</c> shortcode's <c>audio.wp-audio-shortcode</c> element (its source URL ends in <c>?_=1</c>, as
/// WordPress writes it). Some posts are text only. The site needs no script: HTTP and browser see the same.
/// </summary>
public sealed class PodcastSite : ISampleSite
{
    public const int PageSize = 5;

    private static readonly string[] Topics =
    [
        "Field recording at dawn", "Tuning a gamelan", "The sound of \"silence\"", "Crickets, cicadas & katydids",
        "Mixing for radio", "Café noise, revisited", "Voices of the harbour", "Bells of Kraków", "Rain, wind, and thunder",
        "Whale song", "Street musicians of Lagos", "The theremin", "Foley for beginners", "Birdsong in the city",
        "Recording choirs", "Night trains", "Ocean waves at 96 kHz", "Talking drums", "Ambisonics explained",
        "Market sounds of Marrakesh", "The last cassette", "Glass harmonica", "Echoes in caves",
    ];

    public PodcastSite(int episodes = 23)
    {
        var list = new List<Episode>();
        for (var id = 1; id <= episodes; id++)
        {
            var topic = Topics[(id - 1) % Topics.Length];
            var title = $"Episode {id}: {topic}";
            var summary = $"In this episode we talk about {topic.ToLowerInvariant()}, with notes from listener #{id * 3}.";
            list.Add(new Episode(id, $"episode-{id}", title, summary, new DateOnly(2024, 1, 1).AddDays(id * 7), HasAudio: id % 6 != 0));
        }
        // Newest first, as a blog lists them.
        Episodes = list.OrderByDescending(e => e.Published).ToArray();
    }

    public string Name => "podcast";

    public string Spider => "podcast";

    public IReadOnlyList<Episode> Episodes { get; }

    public int Pages => (Episodes.Count + PageSize - 1) / PageSize;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /wp-admin/\n", "text/plain"));
        routes.MapGet("/", (HttpContext context) => Archive(context, 1));
        routes.MapGet("/page/{page:int}/", (HttpContext context, int page) => Archive(context, page));
        routes.MapGet("/{year:int}/{month:int}/{slug}/", (HttpContext context, string slug) => Post(context, slug));
        routes.MapGet("/wp-content/uploads/{year:int}/{month:int}/{file}", (string file) =>
            Episodes.FirstOrDefault(e => e.HasAudio && file == e.Slug + ".wav") is { } episode
                ? Results.Bytes(WavTone.Create(300 + episode.Id * 10), "audio/wav")
                : Results.NotFound());
    }

    /// <summary>Each post with audio once: (audio URL, "title — summary"); the date goes to original_data.</summary>
    public IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl) =>
        Episodes.Where(e => e.HasAudio).Select(e => (AudioUrl(baseUrl, e).AbsoluteUri, $"{e.Title} — {e.Summary}")).ToArray();

    public static string PostPath(Episode episode) => string.Create(CultureInfo.InvariantCulture, $"/{episode.Published.Year:0000}/{episode.Published.Month:00}/{episode.Slug}/");

    public static Uri AudioUrl(Uri baseUrl, Episode episode) =>
        new(baseUrl, string.Create(CultureInfo.InvariantCulture, $"/wp-content/uploads/{episode.Published.Year:0000}/{episode.Published.Month:00}/{episode.Slug}.wav?_=1"));

    private static Uri Root(HttpContext context) => new($"{context.Request.Scheme}://{context.Request.Host}/");

    private IResult Archive(HttpContext context, int page)
    {
        if (page < 1 || page > Pages)
            return Results.NotFound();
        var root = Root(context);
        var body = new StringBuilder("<main id=\"main\" class=\"site-main\">");
        foreach (var episode in Episodes.Skip((page - 1) * PageSize).Take(PageSize))
        {
            var link = new Uri(root, PostPath(episode)).AbsoluteUri;
            body.Append(CultureInfo.InvariantCulture, $"""
                <article id="post-{episode.Id}" class="post-{episode.Id} post type-post status-publish format-standard hentry category-episodes">
                <header class="entry-header"><h2 class="entry-title"><a href="{link}" rel="bookmark">{WebUtility.HtmlEncode(episode.Title)}</a></h2>
                <div class="entry-meta"><span class="posted-on"><a href="{link}" rel="bookmark"><time class="entry-date published" datetime="{episode.Published:yyyy-MM-dd}T09:00:00+00:00">{episode.Published:MMMM d, yyyy}</time></a></span></div></header>
                <div class="entry-summary"><p>{WebUtility.HtmlEncode(episode.Summary)} [&hellip;]</p></div>
                </article>
                """);
        }
        body.Append("<nav class=\"navigation pagination\" aria-label=\"Posts\"><h2 class=\"screen-reader-text\">Posts navigation</h2><div class=\"nav-links\">");
        if (page > 1)
            body.Append(CultureInfo.InvariantCulture, $"<a class=\"prev page-numbers\" href=\"{PageUrl(root, page - 1)}\">Previous</a>");
        for (var p = 1; p <= Pages; p++)
        {
            body.Append(p == page
                ? string.Create(CultureInfo.InvariantCulture, $"<span aria-current=\"page\" class=\"page-numbers current\">{p}</span>")
                : string.Create(CultureInfo.InvariantCulture, $"<a class=\"page-numbers\" href=\"{PageUrl(root, p)}\">{p}</a>"));
        }
        if (page < Pages)
            body.Append(CultureInfo.InvariantCulture, $"<a class=\"next page-numbers\" href=\"{PageUrl(root, page + 1)}\">Next</a>");
        body.Append("</div></nav></main>");
        return Html(page == 1 ? "Sound Stories" : $"Sound Stories – Page {page}", "home blog", body.ToString());
    }

    private static string PageUrl(Uri root, int page) => page == 1 ? root.AbsoluteUri : new Uri(root, $"page/{page}/").AbsoluteUri;

    private IResult Post(HttpContext context, string slug)
    {
        if (Episodes.FirstOrDefault(e => e.Slug == slug) is not { } episode || context.Request.Path.Value != PostPath(episode))
            return Results.NotFound();
        var audio = "";
        if (episode.HasAudio)
        {
            var src = AudioUrl(Root(context), episode).AbsoluteUri;
            var plain = src[..src.IndexOf('?', StringComparison.Ordinal)];
            audio = $"""
                <!--[if lt IE 9]><script>document.createElement('audio');</script><![endif]-->
                <audio class="wp-audio-shortcode" id="audio-{episode.Id}-1" preload="none" style="width: 100%;" controls="controls"><source type="audio/wav" src="{src}" /><a href="{plain}">{plain}</a></audio>
                """;
        }
        var body = $"""
            <main id="main" class="site-main"><article id="post-{episode.Id}" class="post-{episode.Id} post type-post status-publish format-standard hentry category-episodes">
            <header class="entry-header"><h1 class="entry-title">{WebUtility.HtmlEncode(episode.Title)}</h1>
            <div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{episode.Published:yyyy-MM-dd}T09:00:00+00:00">{episode.Published.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}</time></span></div></header>
            <div class="entry-content">
            <p>{WebUtility.HtmlEncode(episode.Summary)}</p>
            {audio}
            <p>Subscribe for more.</p>
            </div>
            <footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/episodes/" rel="category tag">Episodes</a></span></footer>
            </article></main>
            """;
        return Html($"{episode.Title} – Sound Stories", "post-template-default single single-post", body);
    }

    private static IResult Html(string title, string bodyClass, string main) =>
        Results.Content(
            $"<!DOCTYPE html><html lang=\"en-US\"><head><meta charset=\"UTF-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>" +
            $"<body class=\"{bodyClass}\"><div id=\"page\" class=\"site\"><header id=\"masthead\" class=\"site-header\"><p class=\"site-title\"><a href=\"/\" rel=\"home\">Sound Stories</a></p></header>" +
            $"<div id=\"content\" class=\"site-content\">{main}</div></div></body></html>",
            "text/html; charset=UTF-8");
}
