using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.SampleSite.Archive;

/// <summary>
/// The Internet Archive's read APIs and LibriVox's audiobook API as their documentation and recorded responses show
/// them: the scrape API (<c>/services/search/v1/scrape?q&amp;fields&amp;count&amp;cursor</c>: count 100-10,000, an
/// opaque cursor on every page but the last, 400 with <c>{"error"}</c> for a bad count or cursor), item metadata
/// (<c>/metadata/{id}</c>: <c>{"metadata", "files"}</c>, <c>{}</c> for an unknown item), files under
/// <c>/download/{id}/{name}</c>, and <c>/api/feed/audiobooks?format=json&amp;extended=1&amp;limit&amp;offset&amp;title</c>
/// (404 <c>{"error": "Audiobooks could not be found"}</c> past the end). Collection <c>librivoxaudio</c> has
/// <see cref="LibriVoxItems"/> items; <c>oldtimeradio</c> has items with VBR MP3 files only, and one whose metadata is
/// cut short. The first <see cref="ThrottleScrapeRequests"/> scrape calls get 429 with Retry-After.
/// </summary>
public sealed class ArchiveSite : ISampleSite
{
    public const string Format = "64Kbps MP3";
    public const string BrokenItem = "otr_broken_metadata";
    public const string PublicDomainMark = "http://creativecommons.org/publicdomain/mark/1.0/";

    private static readonly string[] Topics = ["Down the Rabbit-Hole", "The Pool of Tears", "A Caucus-Race", "The Mock Turtle's Story", "Who Stole the Tarts?", "Alice's Evidence"];
    private int _scrapeCalls;

    public ArchiveSite(int libriVoxItems = 205, int audiobooks = 60)
    {
        var items = new List<ArchiveItem>();
        for (var n = 1; n <= libriVoxItems; n++)
        {
            var chapters = Enumerable.Range(0, 2).Select(c => $"Chapter {c + 1:00}: {Topics[(n + c) % Topics.Length]}").ToArray();
            items.Add(new ArchiveItem($"book_{n:000}_librivox", "librivoxaudio", $"Collected Tales, Volume {n}", $"Author {n}", PublicDomainMark, chapters));
        }
        items.Add(new ArchiveItem("otr_night_owl_1951", "oldtimeradio", "The Night Owl Hour (1951)", "Radio Players", "", ["Episode 1"]) { Formats = ["VBR MP3"] });
        items.Add(new ArchiveItem(BrokenItem, "oldtimeradio", "Broken", "Nobody", "", ["Lost"]));
        Items = items;
        Audiobooks = Enumerable.Range(1, audiobooks)
            .Select(n => new LibriVoxAudiobook(n, n % 10 == 0 ? $"The Owl and the Moon {n}" : $"Short Stories Collection {n:000}", "Ada", $"Writer{n}", [$"Preface {n}", $"Story {n}"]))
            .ToArray();
    }

    public string Name => "archive";

    public string Spider => "archive";

    public IReadOnlyList<ArchiveItem> Items { get; }

    public IReadOnlyList<LibriVoxAudiobook> Audiobooks { get; }

    public IEnumerable<ArchiveItem> LibriVoxItems => Items.Where(i => i.Collection == "librivoxaudio");

    public int ThrottleScrapeRequests { get; set; }

    /// <summary>The robots.txt served (archive.org's own keeps crawlers out of a few service paths only).</summary>
    public string RobotsTxt { get; set; } = "User-agent: *\nDisallow: /control/\nDisallow: /report/\n";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/robots.txt", () => Results.Text(RobotsTxt, "text/plain"));
        routes.MapGet("/services/search/v1/scrape", Scrape);
        routes.MapGet("/metadata/{identifier}", (string identifier) => Metadata(identifier));
        routes.MapGet("/download/{identifier}/{file}", (string identifier, string file) => Download(identifier, file));
        routes.MapGet("/api/feed/audiobooks", LibriVox);
    }

    /// <summary>What a crawl of collection librivoxaudio in the 64 kbps format delivers: (download URL, "item — chapter").</summary>
    public IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl) =>
        LibriVoxItems.SelectMany(item => item.Chapters.Select((chapter, i) => (DownloadUrl(baseUrl, item.Identifier, item.ChapterFile(i, Format)).AbsoluteUri, $"{item.Title} — {chapter}"))).ToArray();

    /// <summary>What a LibriVox listing of <paramref name="books"/> delivers.</summary>
    public static IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl, IEnumerable<LibriVoxAudiobook> books) =>
        books.SelectMany(b => b.Sections.Select((section, i) => (DownloadUrl(baseUrl, b.Identifier, b.SectionFile(i)).AbsoluteUri, $"{b.Title} — {section}"))).ToArray();

    public static Uri DownloadUrl(Uri baseUrl, string identifier, string file) => new(baseUrl, $"/download/{identifier}/{file}");

    private static IResult Error(int status, string message) =>
        Results.Json(new JsonObject { ["error"] = message }, statusCode: status);

    private IResult Scrape(HttpContext context)
    {
        if (Interlocked.Increment(ref _scrapeCalls) <= ThrottleScrapeRequests)
        {
            context.Response.Headers.RetryAfter = "1";
            return Error(429, "Too many requests; slow down.");
        }
        var query = context.Request.Query;
        var q = query["q"].ToString();
        if (q.Length == 0)
            return Error(400, "Missing required parameter: q");
        var count = 100;
        if (query.ContainsKey("count") && (!int.TryParse(query["count"], out count) || count < 100 || count > 10_000))
            return Error(400, "Invalid value for count: minimum 100, maximum 10000");
        var offset = 0;
        if (query["cursor"].ToString() is { Length: > 0 } cursor && !TryReadCursor(cursor, q, out offset))
            return Error(400, "Invalid cursor: it does not belong to this query or was not issued by this service");
        var matches = Match(q).ToArray();
        var page = matches.Skip(offset).Take(count).ToArray();
        var body = new JsonObject
        {
            ["items"] = new JsonArray([.. page.Select(i => (JsonNode)new JsonObject { ["identifier"] = i.Identifier })]),
            ["count"] = page.Length,
            ["total"] = matches.Length,
        };
        if (offset + page.Length < matches.Length)
            body["cursor"] = Cursor(offset + page.Length, q);
        return Results.Json(body);
    }

    private IEnumerable<ArchiveItem> Match(string q) => q.StartsWith("collection:", StringComparison.Ordinal)
        ? Items.Where(i => i.Collection == q["collection:".Length..].Trim('"'))
        : Items.Where(i => i.Title.Contains(q.Trim('"'), StringComparison.OrdinalIgnoreCase));

    private static string Cursor(int offset, string q) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{offset}\n{q}")));

    private static bool TryReadCursor(string cursor, string q, out int offset)
    {
        offset = 0;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('\n', 2);
            return parts.Length == 2 && parts[1] == q && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private IResult Metadata(string identifier)
    {
        if (identifier == BrokenItem)
            return Results.Text("{\"created\": 1712345678, \"files\": [{\"name\": \"Lost_01.mp3\", \"format\": \"VBR", "application/json");
        if (Items.FirstOrDefault(i => i.Identifier == identifier) is not { } item)
            return Results.Json(new JsonObject());
        var files = new JsonArray();
        for (var c = 0; c < item.Chapters.Count; c++)
        {
            foreach (var format in item.Formats)
            {
                var original = format is "128Kbps MP3" or "VBR MP3";
                var file = new JsonObject { ["name"] = item.ChapterFile(c, format), ["source"] = original ? "original" : "derivative", ["format"] = format };
                if (!original)
                    file["original"] = item.ChapterFile(c, "128Kbps MP3");
                file["mtime"] = "1712345678";
                file["size"] = (format == Format ? 4_900_000 + c : 9_800_000 + c).ToString(CultureInfo.InvariantCulture);
                file["length"] = format == Format ? "612.35" : "10:12";
                file["title"] = item.Chapters[c];
                file["track"] = (c + 1).ToString(CultureInfo.InvariantCulture);
                files.Add(file);
            }
        }
        files.Add(new JsonObject { ["name"] = $"{item.Identifier}_meta.xml", ["source"] = "original", ["format"] = "Metadata", ["mtime"] = "1712345678" });
        files.Add(new JsonObject { ["name"] = "__ia_thumb.jpg", ["source"] = "original", ["format"] = "Item Tile", ["size"] = "8123" });
        var metadata = new JsonObject
        {
            ["identifier"] = item.Identifier,
            ["mediatype"] = "audio",
            ["collection"] = new JsonArray(item.Collection, "audio_bookspoetry"),
            ["creator"] = item.Creator,
            ["title"] = item.Title,
            ["date"] = "2009-04-01",
            ["language"] = "eng",
        };
        if (item.LicenseUrl.Length > 0)
            metadata["licenseurl"] = item.LicenseUrl;
        return Results.Json(new JsonObject
        {
            ["created"] = 1712345678,
            ["d1"] = "ia800100.us.archive.org",
            ["dir"] = $"/1/items/{item.Identifier}",
            ["files"] = files,
            ["files_count"] = files.Count,
            ["item_size"] = 19_600_000,
            ["metadata"] = metadata,
            ["server"] = "ia800100.us.archive.org",
            ["uniq"] = 123456789,
            ["workable_servers"] = new JsonArray("ia800100.us.archive.org"),
        });
    }

    private IResult Download(string identifier, string file)
    {
        var known = Items.Any(i => i.Identifier == identifier && Enumerable.Range(0, i.Chapters.Count).Any(c => i.Formats.Append(Format).Any(f => i.ChapterFile(c, f) == file)))
            || Audiobooks.Any(b => b.Identifier == identifier && Enumerable.Range(0, b.Sections.Count).Any(s => b.SectionFile(s) == file));
        return known && file.EndsWith(".mp3", StringComparison.Ordinal) ? Results.Bytes(SilentMp3.Create(), "audio/mpeg") : Results.NotFound();
    }

    private IResult LibriVox(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["format"] != "json")
            return Results.Text("<xml><error>Only format=json is served by this mock</error></xml>", "application/xml", statusCode: 400);
        var limit = int.TryParse(query["limit"], out var l) && l > 0 ? l : 50;
        var offset = int.TryParse(query["offset"], out var o) && o >= 0 ? o : 0;
        var title = query["title"].ToString();
        IEnumerable<LibriVoxAudiobook> books = Audiobooks;
        if (title.Length > 0)
        {
            books = title.StartsWith('^')
                ? books.Where(b => b.Title.StartsWith(title[1..], StringComparison.OrdinalIgnoreCase))
                : books.Where(b => b.Title.Contains(title, StringComparison.OrdinalIgnoreCase));
        }
        var page = books.Skip(offset).Take(limit).ToArray();
        if (page.Length == 0)
            return Error(404, "Audiobooks could not be found");
        var root = new Uri($"{context.Request.Scheme}://{context.Request.Host}/");
        var extended = query["extended"] == "1";
        return Results.Json(new JsonObject { ["books"] = new JsonArray([.. page.Select(b => (JsonNode)Book(b, root, extended))]) });
    }

    private static JsonObject Book(LibriVoxAudiobook book, Uri root, bool extended)
    {
        var id = book.Id.ToString(CultureInfo.InvariantCulture);
        var json = new JsonObject
        {
            ["id"] = id,
            ["title"] = book.Title,
            ["description"] = $"<p>{book.Title}, read by volunteers.</p>",
            ["url_text_source"] = $"http://www.gutenberg.org/etext/{1000 + book.Id}",
            ["language"] = "English",
            ["copyright_year"] = "1907",
            ["num_sections"] = book.Sections.Count.ToString(CultureInfo.InvariantCulture),
            ["url_rss"] = $"https://librivox.org/rss/{id}",
            ["url_zip_file"] = DownloadUrl(root, book.Identifier, $"{book.Identifier}_64kb_mp3.zip").AbsoluteUri,
            ["url_project"] = "",
            ["url_librivox"] = $"https://librivox.org/short-stories-{id}/",
            ["url_other"] = null,
            ["totaltime"] = "0:20:24",
            ["totaltimesecs"] = 1224,
            ["authors"] = new JsonArray(new JsonObject { ["id"] = id, ["first_name"] = book.AuthorFirst, ["last_name"] = book.AuthorLast, ["dob"] = "1850", ["dod"] = "1920" }),
        };
        if (!extended)
            return json;
        json["sections"] = new JsonArray([.. book.Sections.Select((title, i) => (JsonNode)new JsonObject
        {
            ["id"] = (book.Id * 100 + i).ToString(CultureInfo.InvariantCulture),
            ["section_number"] = (i + 1).ToString(CultureInfo.InvariantCulture),
            ["title"] = title,
            ["listen_url"] = DownloadUrl(root, book.Identifier, book.SectionFile(i)).AbsoluteUri,
            ["language"] = "English",
            ["playtime"] = "612",
            ["file_name"] = book.SectionFile(i),
            ["readers"] = new JsonArray(new JsonObject { ["reader_id"] = "42", ["display_name"] = "Volunteer Reader" }),
        })]);
        json["genres"] = new JsonArray(new JsonObject { ["id"] = "5", ["name"] = "Short Stories" });
        return json;
    }
}
