using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.SampleSite.TestSites.YouTube;

/// <summary>
/// A local YouTube Data API v3 at <c>/youtube/v3/</c>: search, channels, playlistItems and videos list methods with
/// pageToken paging, the documented response and error bodies, an API key check (X-Goog-Api-Key or key=), and a
/// quota that charges each call its documented cost and answers 403 quotaExceeded when it runs out.
/// </summary>
public sealed class YouTubeDataApiSite(string apiKey, YouTubeCatalogue? catalogue = null) : ISampleSite
{
    private int _unitsSpent;

    public YouTubeCatalogue Catalogue { get; } = catalogue ?? new YouTubeCatalogue();

    /// <summary>Units a day; the real default is 10,000.</summary>
    public int DailyQuota { get; init; } = 10_000;

    public int UnitsSpent => Volatile.Read(ref _unitsSpent);

    public string Name => "youtube-data-api";

    public string Spider => "youtube";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/youtube/v3/search", (HttpContext c) => Call(c, 100, Search));
        routes.MapGet("/youtube/v3/channels", (HttpContext c) => Call(c, 1, Channels));
        routes.MapGet("/youtube/v3/playlistItems", (HttpContext c) => Call(c, 1, PlaylistItems));
        routes.MapGet("/youtube/v3/videos", (HttpContext c) => Call(c, 1, Videos));
    }

    public IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl) =>
        Catalogue.BirdsongVideos.Select(v => (v.WatchUrl, v.NormalizedTitle)).ToArray();

    private IResult Call(HttpContext context, int cost, Func<IQueryCollection, string?> list)
    {
        var key = context.Request.Headers["X-Goog-Api-Key"].ToString() is { Length: > 0 } header ? header : context.Request.Query["key"].ToString();
        if (key.Length == 0)
            return Error(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.", "global", "forbidden", "PERMISSION_DENIED");
        if (key != apiKey)
            return Error(400, "API key not valid. Please pass a valid API key.", "global", "badRequest", "INVALID_ARGUMENT");
        if (Interlocked.Add(ref _unitsSpent, cost) > DailyQuota)
        {
            Interlocked.Add(ref _unitsSpent, -cost);
            return Error(403, "The request cannot be completed because you have exceeded your <a href=\"/youtube/v3/getting-started#quota\">quota</a>.", "youtube.quota", "quotaExceeded", null);
        }
        if (list(context.Request.Query) is { } body)
            return Results.Text(body, "application/json; charset=UTF-8", Encoding.UTF8);
        return Error(404, "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.", "youtube.playlistItem", "playlistNotFound", null);
    }

    private static IResult Error(int code, string message, string domain, string reason, string? status)
    {
        var body = $$"""
            {
              "error": {
                "code": {{code}},
                "message": {{Quote(message)}},
                "errors": [
                  {
                    "message": {{Quote(message)}},
                    "domain": "{{domain}}",
                    "reason": "{{reason}}"
                  }
                ]{{(status is null ? "" : $",\n    \"status\": \"{status}\"")}}
              }
            }
            """;
        return Results.Text(body, "application/json; charset=UTF-8", Encoding.UTF8, code);
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text, YouTubeFixtureJson.Relaxed);

    private static string Etag(string seed) => Quote(Convert.ToBase64String(Encoding.UTF8.GetBytes(seed)).TrimEnd('='));

    private static (int Offset, int Size) Paging(IQueryCollection query)
    {
        var size = int.TryParse(query["maxResults"], CultureInfo.InvariantCulture, out var max) ? Math.Clamp(max, 0, 50) : 5;
        var token = query["pageToken"].ToString();
        var offset = token.Length > 0 && YouTubeFixtureJson.ReadToken(token) is { } parsed ? parsed.Offset : 0;
        return (offset, size);
    }

    private static string Page<T>(string kind, IReadOnlyList<T> all, IQueryCollection query, Func<T, string> item)
    {
        var (offset, size) = Paging(query);
        var items = all.Skip(offset).Take(size).Select(item).ToArray();
        var next = offset + size < all.Count ? $"\n  \"nextPageToken\": {Quote(YouTubeFixtureJson.Token("api", kind, offset + size))}," : "";
        var previous = offset > 0 ? $"\n  \"prevPageToken\": {Quote(YouTubeFixtureJson.Token("api", kind, Math.Max(0, offset - size)))}," : "";
        return $$"""
            {
              "kind": "youtube#{{kind}}ListResponse",
              "etag": {{Etag(kind + offset)}},{{next}}{{previous}}
              "regionCode": "US",
              "pageInfo": {
                "totalResults": {{all.Count}},
                "resultsPerPage": {{size}}
              },
              "items": [
            {{string.Join(",\n", items)}}
              ]
            }
            """;
    }

    private string Search(IQueryCollection query)
    {
        var found = Catalogue.Search(query["q"].ToString());
        return Page("search", found, query, v => $$"""
                {
                  "kind": "youtube#searchResult",
                  "etag": {{Etag(v.Id)}},
                  "id": { "kind": "youtube#video", "videoId": "{{v.Id}}" },
                  "snippet": {
                    "publishedAt": "2021-03-04T13:06:07Z",
                    "channelId": "{{v.Channel.Id}}",
                    "title": {{Quote(WebUtility.HtmlEncode(v.Title))}},
                    "description": "Recorded in the field.",
                    "thumbnails": { "default": { "url": "https://i.ytimg.com/vi/{{v.Id}}/default.jpg", "width": 120, "height": 90 } },
                    "channelTitle": {{Quote(v.Channel.Name)}},
                    "liveBroadcastContent": "{{LiveContent(v)}}",
                    "publishTime": "2021-03-04T13:06:07Z"
                  }
                }
            """);
    }

    private string Channels(IQueryCollection query)
    {
        var wanted = query["forHandle"].ToString() is { Length: > 0 } handle ? (handle.StartsWith('@') ? handle : "@" + handle) : query["id"].ToString();
        var channel = Catalogue.FindChannel(wanted);
        var found = channel is null ? Array.Empty<MockChannel>() : [channel];
        return Page("channel", found, query, c => $$"""
                {
                  "kind": "youtube#channel",
                  "etag": {{Etag(c.Id)}},
                  "id": "{{c.Id}}",
                  "contentDetails": { "relatedPlaylists": { "likes": "", "uploads": "{{c.UploadsPlaylist}}" } }
                }
            """);
    }

    private string? PlaylistItems(IQueryCollection query)
    {
        var id = query["playlistId"].ToString();
        var uploadsOf = new[] { Catalogue.Birdsong, Catalogue.Field }.FirstOrDefault(c => c.UploadsPlaylist == id);
        var videos = Catalogue.FindPlaylist(id)?.Videos
            ?? (uploadsOf is null ? null : Catalogue.VideosOf(uploadsOf).Concat(Catalogue.Shorts.Where(s => s.Channel == uploadsOf)).ToArray());
        if (videos is null)
            return null;
        return Page("playlistItem", videos, query, v => $$"""
                {
                  "kind": "youtube#playlistItem",
                  "etag": {{Etag(id + v.Id)}},
                  "id": {{Quote(Convert.ToBase64String(Encoding.UTF8.GetBytes(id + "." + v.Id)))}},
                  "contentDetails": { "videoId": "{{v.Id}}", "videoPublishedAt": "2021-03-04T13:06:07Z" }
                }
            """);
    }

    private string Videos(IQueryCollection query)
    {
        var ids = query["id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        var videos = ids.Select(Catalogue.FindVideo).OfType<MockVideo>().ToArray();
        return Page("video", videos, new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["maxResults"] = "50" }), v => $$"""
                {
                  "kind": "youtube#video",
                  "etag": {{Etag(v.Id)}},
                  "id": "{{v.Id}}",
                  "snippet": {
                    "publishedAt": "2021-03-04T13:06:07Z",
                    "channelId": "{{v.Channel.Id}}",
                    "title": {{Quote(v.Title)}},
                    "description": "Recorded in the field.",
                    "channelTitle": {{Quote(v.Channel.Name)}},
                    "categoryId": "15",
                    "liveBroadcastContent": "{{LiveContent(v)}}"
                  },
                  "contentDetails": {
                    "duration": "{{System.Xml.XmlConvert.ToString(TimeSpan.FromSeconds(v.DurationSeconds))}}",
                    "dimension": "2d",
                    "definition": "hd",
                    "caption": "false",
                    "licensedContent": false,
                    "projection": "rectangular"
                  },
                  "statistics": { "viewCount": "{{v.Views}}", "likeCount": "{{v.Views / 20}}", "favoriteCount": "0", "commentCount": "{{v.Views / 200}}" }
                }
            """);
    }

    private static string LiveContent(MockVideo video) => video.IsLive ? "live" : video.IsUpcoming ? "upcoming" : "none";
}
