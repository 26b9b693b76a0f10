using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.SampleSite.TestSites.YouTube;

/// <summary>
/// A local YouTube: search result pages, channel video and Shorts tabs (richGridRenderer), playlists in the
/// playlistVideoRenderer and the lockupViewModel layouts, watch pages, and the youtubei search/browse
/// continuation endpoints, which check the WEB client context like the real ones. Its robots.txt is YouTube's.
/// Search pages mix shelves into the results as the real ones do ("People also watched", "For you", "Channels new to
/// you", a Shorts shelf), holding videos that are not results for the query. <c>/shorts/{id}</c> answers 200 for a
/// Short and 303 to <c>/watch?v={id}</c> for every other video, as youtube.com does.
/// With <see cref="RequireConsent"/>, a page asked for without the consent cookie redirects to the EU consent page.
/// <c>/@broken/videos</c> is a page without ytInitialData.
/// </summary>
public sealed class YouTubeWebSite(YouTubeCatalogue? catalogue = null) : ISampleSite
{
    public const string RobotsTxt = """
        # robots.txt file for YouTube
        # Created in the distant future (the year 2000) after
        # the robotic uprising of the mid 90's which wiped out all humans.

        User-agent: Mediapartners-Google*
        Disallow:

        User-agent: *
        Disallow: /api/
        Disallow: /channel_picker
        Disallow: /comment
        Disallow: /feeds/videos.xml
        Disallow: /file_download
        Disallow: /get_video
        Disallow: /get_video_info
        Disallow: /get_midroll_info
        Disallow: /live_chat
        Disallow: /login
        Disallow: /qr
        Disallow: /results
        Disallow: /signup
        Disallow: /t/terms
        Disallow: /timedtext_video
        Disallow: /verify_age
        Disallow: /watch_ajax
        Disallow: /watch_fragments_ajax
        Disallow: /watch_popup
        Disallow: /watch_queue_ajax
        Disallow: /youtubei/

        Sitemap: https://www.youtube.com/sitemaps/sitemap.xml
        Sitemap: https://www.youtube.com/product/sitemap.xml

        """;

    public YouTubeCatalogue Catalogue { get; } = catalogue ?? new YouTubeCatalogue();

    public bool RequireConsent { get; init; }

    public string Name => "youtube";

    public string Spider => "youtube";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/robots.txt", () => Results.Text(RobotsTxt, "text/plain"));
        routes.MapGet("/consent", (string? @continue) => Results.Content(ConsentPage(@continue ?? "/"), "text/html; charset=utf-8"));
        routes.MapGet("/results", (HttpContext context, string? search_query) => Guard(context, () => SearchPage(search_query ?? "")));
        routes.MapGet("/playlist", (HttpContext context, string? list) => Guard(context, () => PlaylistPage(list ?? "")));
        routes.MapGet("/watch", (HttpContext context, string? v) => Guard(context, () => WatchPage(v ?? "")));
        routes.MapMethods("/shorts/{id}", ["GET", "HEAD"], (HttpContext context, string id) => Guard(context, () => ShortsPage(id)));
        routes.MapGet("/channel/{id}/{tab}", (HttpContext context, string id, string tab) => Guard(context, () => ChannelPage(id, tab)));
        routes.MapGet("/{handle}/{tab}", (HttpContext context, string handle, string tab) => Guard(context, () => ChannelPage(handle, tab)));
        routes.MapPost("/youtubei/v1/search", (Delegate)((HttpContext context) => ContinuationAsync(context, "search")));
        routes.MapPost("/youtubei/v1/browse", (Delegate)((HttpContext context) => ContinuationAsync(context, "browse")));
    }

    /// <summary>What a full crawl of a channel's videos tab (no Shorts, no live or upcoming) emits.</summary>
    public IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl) =>
        Catalogue.BirdsongVideos.Select(v => (v.WatchUrl, v.NormalizedTitle)).ToArray();

    private IResult Guard(HttpContext context, Func<IResult> page)
    {
        if (RequireConsent && !HasConsentCookie(context.Request))
            return Results.Redirect("/consent?continue=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
        return page();
    }

    private static bool HasConsentCookie(HttpRequest request) =>
        request.Headers.Cookie.ToString() is var cookie && (cookie.Contains("SOCS=", StringComparison.Ordinal) || cookie.Contains("CONSENT=YES", StringComparison.Ordinal));

    private static string ConsentPage(string next) =>
        "<!DOCTYPE html><html lang=\"en\"><head><title>Before you continue to YouTube</title></head><body>" +
        "<h1>Before you continue to YouTube</h1><p>We use cookies and data to deliver and maintain Google services.</p>" +
        "<form action=\"https://consent.youtube.com/save\" method=\"POST\"><input type=\"hidden\" name=\"gl\" value=\"DE\"><input type=\"hidden\" name=\"m\" value=\"0\">" +
        "<input type=\"hidden\" name=\"continue\" value=\"" + System.Net.WebUtility.HtmlEncode(next) + "\"><input type=\"hidden\" name=\"set_eom\" value=\"true\">" +
        "<button aria-label=\"Accept all\">Accept all</button></form></body></html>";

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);

    private static IResult Json(JsonNode json) => Results.Text(json.ToJsonString(YouTubeFixtureJson.Relaxed), "application/json; charset=UTF-8", Encoding.UTF8);

    // ------------------------------------------------------------------ search

    private IResult SearchPage(string query)
    {
        var (items, next) = SearchItems(query, 0);
        var data = new JsonObject
        {
            ["responseContext"] = YouTubeFixtureJson.ResponseContext(),
            ["estimatedResults"] = Catalogue.Search(query).Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["contents"] = new JsonObject
            {
                ["twoColumnSearchResultsRenderer"] = new JsonObject
                {
                    ["primaryContents"] = new JsonObject { ["sectionListRenderer"] = new JsonObject { ["contents"] = SearchSections(items, next), ["trackingParams"] = "CAEQui8iEwiP" } },
                },
            },
            ["trackingParams"] = "CAAQvGkiEwiP",
            ["topbar"] = YouTubeFixtureJson.Topbar(),
            ["refinements"] = new JsonArray(query + " sounds", query + " 10 hours"),
        };
        return Html(YouTubeFixtureJson.Html(query, ("ytInitialData", data)));
    }

    /// <summary>
    /// One page of search results with the shelves YouTube mixes in: page one has "People also watched" (a
    /// shelfRenderer with a verticalListRenderer) after the third result and a reel shelf of the Shorts that match;
    /// the first continuation has "For you" (a horizontalListRenderer of gridVideoRenderers), "Channels new to
    /// you" (lockups) and a gridShelfViewModel of other Shorts. The shelves' videos are not results for the query.
    /// </summary>
    private (JsonArray Items, string? Next) SearchItems(string query, int offset)
    {
        var all = Catalogue.Search(query);
        var videos = all.Where(v => !v.IsShort).ToArray();
        var others = Catalogue.NotFoundBy(query);
        var items = new JsonArray();
        foreach (var video in videos.Skip(offset).Take(YouTubeCatalogue.SearchPageSize))
        {
            items.Add(VideoRendererFor(video, withByline: true));
            if (items.Count == 3 && offset == 0)
                items.Add(YouTubeFixtureJson.Shelf("People also watched", [.. others.Take(4).Select(v => YouTubeFixtureJson.VideoRenderer(v, withByline: true))], horizontal: false));
            if (items.Count == 5 && offset == YouTubeCatalogue.SearchPageSize)
            {
                items.Add(YouTubeFixtureJson.Shelf("For you", [.. others.Skip(4).Take(3).Select(YouTubeFixtureJson.GridVideo)], horizontal: true));
                items.Add(YouTubeFixtureJson.Shelf("Channels new to you", [.. others.Skip(7).Take(3).Select(v => YouTubeFixtureJson.Lockup(v, withChannelRow: true))], horizontal: false));
                items.Add(YouTubeFixtureJson.GridShelf("Shorts", Catalogue.Shorts.Where(v => !all.Contains(v))));
            }
        }
        if (offset == 0 && all.Any(v => v.IsShort))
        {
            items.Add(new JsonObject
            {
                ["reelShelfRenderer"] = new JsonObject
                {
                    ["title"] = new JsonObject { ["runs"] = new JsonArray(new JsonObject { ["text"] = "Shorts" }) },
                    ["items"] = new JsonArray([.. all.Where(v => v.IsShort).Select(v => (JsonNode)YouTubeFixtureJson.ShortsLockup(v))]),
                },
            });
        }
        var nextOffset = offset + YouTubeCatalogue.SearchPageSize;
        return (items, nextOffset < videos.Length ? YouTubeFixtureJson.Token("search", query, nextOffset) : null);
    }

    private static JsonObject VideoRendererFor(MockVideo video, bool withByline) => YouTubeFixtureJson.VideoRenderer(video, withByline);

    private static JsonArray SearchSections(JsonArray items, string? next)
    {
        var sections = new JsonArray(new JsonObject { ["itemSectionRenderer"] = new JsonObject { ["contents"] = items, ["trackingParams"] = "CBQQuy8YACITCI" } });
        if (next is not null)
            sections.Add(YouTubeFixtureJson.ContinuationItem(next, "/youtubei/v1/search", "CONTINUATION_REQUEST_TYPE_SEARCH"));
        return sections;
    }

    // ------------------------------------------------------------------ channels

    private IResult ChannelPage(string handleOrId, string tab)
    {
        if (handleOrId == "@broken")
            return Html("<!DOCTYPE html><html><head><title>Broken - YouTube</title></head><body><p>Something went wrong.</p><script>var ytcfg={};</script></body></html>");
        if (Catalogue.FindChannel(Uri.UnescapeDataString(handleOrId)) is not { } channel || tab is not ("videos" or "shorts"))
            return Results.NotFound();
        var (items, _) = ChannelItems(channel, tab, 0);
        var tabs = new JsonArray(
            TabRenderer("Home", false, null),
            TabRenderer("Videos", tab == "videos", tab == "videos" ? items : null),
            TabRenderer("Shorts", tab == "shorts", tab == "shorts" ? items : null),
            TabRenderer("Playlists", false, null));
        var data = new JsonObject
        {
            ["responseContext"] = YouTubeFixtureJson.ResponseContext(),
            ["contents"] = new JsonObject { ["twoColumnBrowseResultsRenderer"] = new JsonObject { ["tabs"] = tabs } },
            ["header"] = new JsonObject { ["pageHeaderRenderer"] = new JsonObject { ["pageTitle"] = channel.Name } },
            ["metadata"] = new JsonObject
            {
                ["channelMetadataRenderer"] = new JsonObject
                {
                    ["title"] = channel.Name,
                    ["description"] = "Sounds of the outdoors.",
                    ["externalId"] = channel.Id,
                    ["channelUrl"] = "https://www.youtube.com/channel/" + channel.Id,
                    ["vanityChannelUrl"] = "http://www.youtube.com/" + channel.Handle,
                },
            },
            ["topbar"] = YouTubeFixtureJson.Topbar(),
        };
        return Html(YouTubeFixtureJson.Html(channel.Name, ("ytInitialData", data)));
    }

    private static JsonObject TabRenderer(string title, bool selected, JsonArray? contents)
    {
        var tab = new JsonObject
        {
            ["endpoint"] = new JsonObject { ["browseEndpoint"] = new JsonObject { ["params"] = "EgZ2aWRlb3PyBgQKAjoA" } },
            ["title"] = title,
            ["trackingParams"] = "CBIQ8JMBGAUiEwiP",
        };
        if (selected)
        {
            tab["selected"] = true;
            tab["content"] = new JsonObject
            {
                ["richGridRenderer"] = new JsonObject
                {
                    ["contents"] = contents,
                    ["trackingParams"] = "CBMQn5kEIhMIj",
                    ["header"] = new JsonObject { ["feedFilterChipBarRenderer"] = new JsonObject { ["contents"] = new JsonArray(new JsonObject { ["chipCloudChipRenderer"] = new JsonObject { ["text"] = new JsonObject { ["simpleText"] = "Latest" }, ["isSelected"] = true } }) } },
                    ["targetId"] = "browse-feed-videos",
                    ["style"] = "RICH_GRID_RENDERER_STYLE_TAB",
                },
            };
        }
        return new JsonObject { ["tabRenderer"] = tab };
    }

    private (JsonArray Items, string? Next) ChannelItems(MockChannel channel, string tab, int offset)
    {
        var videos = tab == "shorts" ? Catalogue.Shorts.Where(s => s.Channel == channel).ToArray() : Catalogue.VideosOf(channel);
        var items = new JsonArray();
        foreach (var video in videos.Skip(offset).Take(YouTubeCatalogue.ChannelPageSize))
        {
            JsonNode content = tab == "shorts" ? YouTubeFixtureJson.ShortsLockup(video)
                : channel.UsesLockups ? YouTubeFixtureJson.Lockup(video, withChannelRow: false)
                : YouTubeFixtureJson.VideoRenderer(video, withByline: false);
            items.Add(new JsonObject { ["richItemRenderer"] = new JsonObject { ["content"] = content, ["trackingParams"] = "CDAQmVsYACITCI" } });
        }
        var nextOffset = offset + YouTubeCatalogue.ChannelPageSize;
        string? next = null;
        if (nextOffset < videos.Count)
        {
            next = YouTubeFixtureJson.Token("channel-" + tab, channel.Id, nextOffset);
            items.Add(YouTubeFixtureJson.ContinuationItem(next, "/youtubei/v1/browse", "CONTINUATION_REQUEST_TYPE_BROWSE"));
        }
        return (items, next);
    }

    // ------------------------------------------------------------------ playlists

    private IResult PlaylistPage(string id)
    {
        if (Catalogue.FindPlaylist(id) is not { } playlist)
            return Results.NotFound();
        var items = PlaylistItems(playlist, 0);
        JsonNode list = playlist.UsesLockups
            ? new JsonObject { ["itemSectionRenderer"] = new JsonObject { ["contents"] = items, ["trackingParams"] = "CCgQuy8YACITCI" } }
            : new JsonObject
            {
                ["itemSectionRenderer"] = new JsonObject
                {
                    ["contents"] = new JsonArray(new JsonObject
                    {
                        ["playlistVideoListRenderer"] = new JsonObject
                        {
                            ["contents"] = items,
                            ["playlistId"] = playlist.Id,
                            ["isEditable"] = false,
                            ["canReorder"] = false,
                            ["trackingParams"] = "CCkQuy8YACITCI",
                            ["targetId"] = playlist.Id,
                        },
                    }),
                    ["trackingParams"] = "CCgQuy8YACITCI",
                },
            };
        var data = new JsonObject
        {
            ["responseContext"] = YouTubeFixtureJson.ResponseContext(),
            ["contents"] = new JsonObject
            {
                ["twoColumnBrowseResultsRenderer"] = new JsonObject
                {
                    ["tabs"] = new JsonArray(new JsonObject
                    {
                        ["tabRenderer"] = new JsonObject
                        {
                            ["selected"] = true,
                            ["content"] = new JsonObject { ["sectionListRenderer"] = new JsonObject { ["contents"] = new JsonArray(list), ["trackingParams"] = "CCcQui8iEwiP" } },
                            ["trackingParams"] = "CCYQ8JMBGAAiEwiP",
                        },
                    }),
                },
            },
            ["header"] = playlist.UsesLockups
                ? new JsonObject { ["pageHeaderRenderer"] = new JsonObject { ["pageTitle"] = playlist.Title } }
                : new JsonObject { ["playlistHeaderRenderer"] = new JsonObject { ["playlistId"] = playlist.Id, ["title"] = new JsonObject { ["simpleText"] = playlist.Title }, ["numVideosText"] = new JsonObject { ["runs"] = new JsonArray(new JsonObject { ["text"] = playlist.Videos.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }, new JsonObject { ["text"] = " videos" }) } } },
            ["metadata"] = new JsonObject { ["playlistMetadataRenderer"] = new JsonObject { ["title"] = playlist.Title, ["androidAppindexingLink"] = "android-app://com.google.android.youtube/http/www.youtube.com/playlist?list=" + playlist.Id } },
            ["sidebar"] = new JsonObject
            {
                ["playlistSidebarRenderer"] = new JsonObject
                {
                    // A decoy: the sidebar's own continuation is not the list's, as on the real page.
                    ["items"] = new JsonArray(YouTubeFixtureJson.ContinuationItem("sidebar-not-the-list", "/youtubei/v1/browse", "CONTINUATION_REQUEST_TYPE_BROWSE")),
                },
            },
            ["topbar"] = YouTubeFixtureJson.Topbar(),
        };
        return Html(YouTubeFixtureJson.Html(playlist.Title, ("ytInitialData", data)));
    }

    private static JsonArray PlaylistItems(MockPlaylist playlist, int offset)
    {
        var items = new JsonArray();
        var index = offset;
        foreach (var video in playlist.Videos.Skip(offset).Take(playlist.PageSize))
            items.Add(playlist.UsesLockups ? YouTubeFixtureJson.Lockup(video, withChannelRow: true) : YouTubeFixtureJson.PlaylistVideo(video, playlist.Id, index++));
        var nextOffset = offset + playlist.PageSize;
        if (nextOffset < playlist.Videos.Count)
        {
            // A looping playlist hands out the token of its first continuation again and again.
            var token = YouTubeFixtureJson.Token("playlist", playlist.Id, playlist.Loops ? playlist.PageSize : nextOffset);
            items.Add(playlist.UsesLockups ? YouTubeFixtureJson.ContinuationViewModel(token) : YouTubeFixtureJson.ContinuationItem(token, "/youtubei/v1/browse", "CONTINUATION_REQUEST_TYPE_BROWSE"));
        }
        return items;
    }

    // ------------------------------------------------------------------ watch

    private IResult WatchPage(string id)
    {
        if (Catalogue.FindVideo(id) is not { } video)
        {
            var missing = new JsonObject { ["responseContext"] = YouTubeFixtureJson.ResponseContext(), ["playabilityStatus"] = new JsonObject { ["status"] = "ERROR", ["reason"] = "This video is unavailable" } };
            return Html(YouTubeFixtureJson.Html("YouTube", ("ytInitialPlayerResponse", missing)));
        }
        var player = new JsonObject
        {
            ["responseContext"] = YouTubeFixtureJson.ResponseContext(),
            ["playabilityStatus"] = new JsonObject { ["status"] = "OK", ["playableInEmbed"] = true },
            ["videoDetails"] = new JsonObject
            {
                ["videoId"] = video.Id,
                ["title"] = video.Title,
                ["lengthSeconds"] = video.DurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["keywords"] = new JsonArray("nature", "sounds"),
                ["channelId"] = video.Channel.Id,
                ["isOwnerViewing"] = false,
                ["shortDescription"] = "Recorded in the field.",
                ["isCrawlable"] = true,
                ["allowRatings"] = true,
                ["viewCount"] = video.Views.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["author"] = video.Channel.Name,
                ["isPrivate"] = false,
                ["isUnpluggedCorpus"] = false,
                ["isLiveContent"] = video.IsLive,
            },
            ["microformat"] = new JsonObject
            {
                ["playerMicroformatRenderer"] = new JsonObject
                {
                    ["title"] = new JsonObject { ["simpleText"] = video.Title },
                    ["lengthSeconds"] = video.DurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["ownerChannelName"] = video.Channel.Name,
                    ["publishDate"] = "2021-03-04T05:06:07-08:00",
                    ["uploadDate"] = "2021-03-04T05:06:07-08:00",
                },
            },
        };
        if (video.IsLive)
            player["videoDetails"]!["isLive"] = true;
        if (video.IsUpcoming)
            player["videoDetails"]!["isUpcoming"] = true;
        var data = new JsonObject { ["responseContext"] = YouTubeFixtureJson.ResponseContext(), ["contents"] = new JsonObject { ["twoColumnWatchNextResults"] = new JsonObject() } };
        return Html(YouTubeFixtureJson.Html(video.Title, ("ytInitialPlayerResponse", player), ("ytInitialData", data)));
    }

    // ------------------------------------------------------------------ shorts

    /// <summary>youtube.com serves a Short's player at /shorts/{id}; for any other video it answers 303 See Other to the watch page.</summary>
    private IResult ShortsPage(string id)
    {
        if (Catalogue.FindVideo(id) is not { } video)
            return Results.NotFound();
        if (!video.IsShort)
            return new SeeOtherResult("/watch?v=" + Uri.EscapeDataString(id));
        return Html(YouTubeFixtureJson.Html(video.Title, ("ytInitialData", new JsonObject { ["responseContext"] = YouTubeFixtureJson.ResponseContext() })));
    }

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }

    // ------------------------------------------------------------------ youtubei

    private async Task<IResult> ContinuationAsync(HttpContext context, string endpoint)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return BadRequest("Invalid JSON payload received.");
        }
        var client = body?["context"]?["client"];
        if (client?["clientName"]?.GetValue<string>() != "WEB" || client["clientVersion"]?.GetValue<string>() != YouTubeFixtureJson.ClientVersion)
            return BadRequest("Precondition check failed: the request needs the WEB client context of the page.");
        if (body?["continuation"]?.GetValue<string>() is not { } token || YouTubeFixtureJson.ReadToken(token) is not { } parsed)
            return BadRequest("Request contains an invalid argument.");

        switch (endpoint, parsed.Kind)
        {
            case ("search", "search"):
                var (searchItems, searchNext) = SearchItems(parsed.Key, parsed.Offset);
                return Json(YouTubeFixtureJson.ContinuationResponse("onResponseReceivedCommands", "search-feeds-section", SearchSections(searchItems, searchNext)));
            case ("browse", "channel-videos" or "channel-shorts") when Catalogue.FindChannel(parsed.Key) is { } channel:
                var (channelItems, _) = ChannelItems(channel, parsed.Kind["channel-".Length..], parsed.Offset);
                return Json(YouTubeFixtureJson.ContinuationResponse("onResponseReceivedActions", "browse-feed" + channel.Id + "videos102", channelItems));
            case ("browse", "playlist") when Catalogue.FindPlaylist(parsed.Key) is { } playlist:
                return Json(YouTubeFixtureJson.ContinuationResponse("onResponseReceivedActions", "playlist-" + playlist.Id, PlaylistItems(playlist, parsed.Offset)));
            default:
                return BadRequest("Request contains an invalid argument.");
        }
    }

    private static IResult BadRequest(string message) =>
        Results.Json(new { error = new { code = 400, message, errors = new[] { new { message, domain = "global", reason = "badRequest" } }, status = "INVALID_ARGUMENT" } }, statusCode: 400);
}
