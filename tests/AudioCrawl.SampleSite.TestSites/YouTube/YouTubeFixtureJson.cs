using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AudioCrawl.SampleSite.TestSites.YouTube;

/// <summary>
/// Builds the JSON YouTube's web client receives, in the shapes public parsers (yt-dlp's youtube extractor,
/// YoutubeExplode, recorded responses) read: renderers, view models, continuation items and page wrappers.
/// </summary>
public static class YouTubeFixtureJson
{
    public const string ClientVersion = "2.20251118.01.00";
    public const string ApiKey = "AIzaSyMockKeyForTheLocalYouTube0000000";
    public const string VisitorData = "CgtNb2NrVmlzaXRvcijAgLvJBjIKCgJVUxIEGgAgTw%3D%3D";

    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Clock(int seconds) => seconds >= 3600
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:D2}:{seconds % 60:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}:{seconds % 60:D2}");

    public static string Views(long views) => views.ToString("N0", CultureInfo.InvariantCulture) + " views";

    public static string ShortViews(long views) => views >= 1000
        ? (views / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + "K views"
        : views.ToString(CultureInfo.InvariantCulture) + " views";

    public static string Token(string kind, string key, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{kind}|{key}|{offset}")).Replace('+', '-').Replace('/', '_');

    public static (string Kind, string Key, int Offset)? ReadToken(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/'))).Split('|');
            return parts.Length == 3 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var offset) ? (parts[0], parts[1], offset) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static JsonObject Thumbnails(string id) => new()
    {
        ["thumbnails"] = new JsonArray(
            new JsonObject { ["url"] = $"https://i.ytimg.com/vi/{id}/hqdefault.jpg?sqp=-oaymwEcCOADEI4CSFXyq4qpAw4IARUAAIhCGAFwAcABBg==", ["width"] = 480, ["height"] = 270 }),
    };

    private static JsonObject Runs(string text) => new() { ["runs"] = new JsonArray(new JsonObject { ["text"] = text }) };

    private static JsonObject ChannelRuns(MockChannel channel) => new()
    {
        ["runs"] = new JsonArray(new JsonObject
        {
            ["text"] = channel.Name,
            ["navigationEndpoint"] = new JsonObject
            {
                ["clickTrackingParams"] = "CNcBENwwGAEiEwiP",
                ["commandMetadata"] = new JsonObject { ["webCommandMetadata"] = new JsonObject { ["url"] = "/" + channel.Handle, ["webPageType"] = "WEB_PAGE_TYPE_CHANNEL", ["rootVe"] = 3611, ["apiUrl"] = "/youtubei/v1/browse" } },
                ["browseEndpoint"] = new JsonObject { ["browseId"] = channel.Id, ["canonicalBaseUrl"] = "/" + channel.Handle },
            },
        }),
    };

    private static JsonObject WatchEndpoint(MockVideo video, string? playlistId = null, int? index = null)
    {
        var watch = new JsonObject { ["videoId"] = video.Id };
        if (playlistId is not null)
        {
            watch["playlistId"] = playlistId;
            watch["index"] = index;
        }
        watch["watchEndpointSupportedOnesieConfig"] = new JsonObject { ["html5PlaybackOnesieConfig"] = new JsonObject { ["commonConfig"] = new JsonObject { ["url"] = "https://rr1---sn-mock.googlevideo.com/initplayback" } } };
        return new JsonObject
        {
            ["clickTrackingParams"] = "CJQBENwwGAAiEwiP",
            ["commandMetadata"] = new JsonObject { ["webCommandMetadata"] = new JsonObject { ["url"] = $"/watch?v={video.Id}", ["webPageType"] = "WEB_PAGE_TYPE_WATCH", ["rootVe"] = 3832 } },
            ["watchEndpoint"] = watch,
        };
    }

    /// <summary>A search result or a channel-grid video. Channel grids leave the byline out: the page is the channel.</summary>
    public static JsonObject VideoRenderer(MockVideo video, bool withByline)
    {
        var renderer = new JsonObject
        {
            ["videoId"] = video.Id,
            ["thumbnail"] = Thumbnails(video.Id),
            ["title"] = new JsonObject
            {
                ["runs"] = new JsonArray(new JsonObject { ["text"] = video.Title }),
                ["accessibility"] = new JsonObject { ["accessibilityData"] = new JsonObject { ["label"] = $"{video.Title} {Clock(video.DurationSeconds)}" } },
            },
            ["descriptionSnippet"] = Runs("Recorded in the field."),
        };
        if (withByline)
        {
            renderer["longBylineText"] = ChannelRuns(video.Channel);
            renderer["ownerText"] = ChannelRuns(video.Channel);
            renderer["shortBylineText"] = ChannelRuns(video.Channel);
        }
        if (video.IsUpcoming)
        {
            renderer["upcomingEventData"] = new JsonObject { ["startTime"] = "1798761600", ["isReminderSet"] = false, ["upcomingEventText"] = Runs("Premieres DATE_PLACEHOLDER") };
            renderer["viewCountText"] = Runs("12 waiting");
        }
        else if (video.IsLive)
        {
            renderer["viewCountText"] = new JsonObject { ["runs"] = new JsonArray(new JsonObject { ["text"] = "321" }, new JsonObject { ["text"] = " watching" }) };
            renderer["badges"] = new JsonArray(new JsonObject { ["metadataBadgeRenderer"] = new JsonObject { ["style"] = "BADGE_STYLE_TYPE_LIVE_NOW", ["label"] = "LIVE", ["trackingParams"] = "CJUBENwwGAAiEwiP" } });
        }
        else
        {
            renderer["publishedTimeText"] = new JsonObject { ["simpleText"] = video.Published };
            renderer["lengthText"] = new JsonObject
            {
                ["accessibility"] = new JsonObject { ["accessibilityData"] = new JsonObject { ["label"] = $"{video.DurationSeconds / 60} minutes, {video.DurationSeconds % 60} seconds" } },
                ["simpleText"] = Clock(video.DurationSeconds),
            };
            renderer["viewCountText"] = new JsonObject { ["simpleText"] = Views(video.Views) };
            renderer["shortViewCountText"] = new JsonObject { ["simpleText"] = ShortViews(video.Views) };
        }
        renderer["navigationEndpoint"] = WatchEndpoint(video);
        renderer["trackingParams"] = "CJQBENwwGAAiEwiP";
        var style = video.IsLive ? "LIVE" : video.IsUpcoming ? "UPCOMING" : "DEFAULT";
        var overlay = new JsonObject { ["style"] = style };
        if (!video.IsLive && !video.IsUpcoming)
            overlay["text"] = new JsonObject { ["simpleText"] = Clock(video.DurationSeconds) };
        renderer["thumbnailOverlays"] = new JsonArray(new JsonObject { ["thumbnailOverlayTimeStatusRenderer"] = overlay });
        return new JsonObject { ["videoRenderer"] = renderer };
    }

    /// <summary>The 2024– view model of grids, search and playlists; <paramref name="withChannelRow"/> adds the channel metadata row.</summary>
    public static JsonObject Lockup(MockVideo video, bool withChannelRow)
    {
        var badgeText = video.IsLive ? "LIVE" : video.IsUpcoming ? "Upcoming" : Clock(video.DurationSeconds);
        var badgeStyle = video.IsLive ? "THUMBNAIL_OVERLAY_BADGE_STYLE_LIVE" : "THUMBNAIL_OVERLAY_BADGE_STYLE_DEFAULT";
        var rows = new JsonArray();
        if (withChannelRow)
        {
            rows.Add(new JsonObject
            {
                ["metadataParts"] = new JsonArray(new JsonObject
                {
                    ["text"] = new JsonObject
                    {
                        ["content"] = video.Channel.Name,
                        ["commandRuns"] = new JsonArray(new JsonObject
                        {
                            ["startIndex"] = 0,
                            ["length"] = video.Channel.Name.Length,
                            ["onTap"] = new JsonObject { ["innertubeCommand"] = new JsonObject { ["browseEndpoint"] = new JsonObject { ["browseId"] = video.Channel.Id, ["canonicalBaseUrl"] = "/" + video.Channel.Handle } } },
                        }),
                    },
                }),
            });
        }
        var stats = video.IsLive ? "321 watching" : video.IsUpcoming ? "12 waiting" : ShortViews(video.Views);
        var when = video.IsUpcoming ? "Premieres 1/1/27, 00:00" : video.IsLive ? "Started streaming 2 hours ago" : video.Published;
        rows.Add(new JsonObject
        {
            ["metadataParts"] = new JsonArray(
                new JsonObject { ["text"] = new JsonObject { ["content"] = stats } },
                new JsonObject { ["text"] = new JsonObject { ["content"] = when }, ["accessibilityLabel"] = when }),
        });
        var lockup = new JsonObject
        {
            ["contentImage"] = new JsonObject
            {
                ["thumbnailViewModel"] = new JsonObject
                {
                    ["image"] = new JsonObject { ["sources"] = new JsonArray(new JsonObject { ["url"] = $"https://i.ytimg.com/vi/{video.Id}/hqdefault.jpg", ["width"] = 480, ["height"] = 270 }) },
                    ["overlays"] = new JsonArray(new JsonObject
                    {
                        ["thumbnailOverlayBadgeViewModel"] = new JsonObject
                        {
                            ["thumbnailBadges"] = new JsonArray(new JsonObject { ["thumbnailBadgeViewModel"] = new JsonObject { ["text"] = badgeText, ["badgeStyle"] = badgeStyle, ["animationActivationTargetId"] = video.Id } }),
                            ["position"] = "THUMBNAIL_OVERLAY_BADGE_POSITION_BOTTOM_END",
                        },
                    }),
                },
            },
            ["metadata"] = new JsonObject
            {
                ["lockupMetadataViewModel"] = new JsonObject
                {
                    ["title"] = new JsonObject { ["content"] = video.Title },
                    ["metadata"] = new JsonObject { ["contentMetadataViewModel"] = new JsonObject { ["metadataRows"] = rows, ["delimiter"] = " • " } },
                },
            },
            ["contentId"] = video.Id,
            ["contentType"] = "LOCKUP_CONTENT_TYPE_VIDEO",
            ["rendererContext"] = new JsonObject
            {
                ["loggingContext"] = new JsonObject { ["loggingDirectives"] = new JsonObject { ["trackingParams"] = "CJQBENwwGAAiEwiP" } },
                ["commandContext"] = new JsonObject { ["onTap"] = new JsonObject { ["innertubeCommand"] = WatchEndpoint(video) } },
            },
        };
        return new JsonObject { ["lockupViewModel"] = lockup };
    }

    public static JsonObject ShortsLockup(MockVideo video) => new()
    {
        ["shortsLockupViewModel"] = new JsonObject
        {
            ["entityId"] = "shorts-shelf-item-" + video.Id,
            ["accessibilityText"] = $"{video.Title}, {ShortViews(video.Views)} - play Short",
            ["thumbnail"] = new JsonObject { ["sources"] = new JsonArray(new JsonObject { ["url"] = $"https://i.ytimg.com/vi/{video.Id}/frame0.jpg", ["width"] = 1080, ["height"] = 1920 }) },
            ["onTap"] = new JsonObject
            {
                ["innertubeCommand"] = new JsonObject
                {
                    ["commandMetadata"] = new JsonObject { ["webCommandMetadata"] = new JsonObject { ["url"] = $"/shorts/{video.Id}", ["webPageType"] = "WEB_PAGE_TYPE_SHORTS", ["rootVe"] = 37414 } },
                    ["reelWatchEndpoint"] = new JsonObject { ["videoId"] = video.Id, ["playerParams"] = "8AEBoAMDuAQfogYVAePzwRMh", ["overlay"] = new JsonObject() },
                },
            },
            ["overlayMetadata"] = new JsonObject
            {
                ["primaryText"] = new JsonObject { ["content"] = video.Title },
                ["secondaryText"] = new JsonObject { ["content"] = ShortViews(video.Views) },
            },
        },
    };

    /// <summary>A video in a horizontal shelf (2019–2022 search and channel shelves).</summary>
    public static JsonObject GridVideo(MockVideo video) => new()
    {
        ["gridVideoRenderer"] = new JsonObject
        {
            ["videoId"] = video.Id,
            ["thumbnail"] = Thumbnails(video.Id),
            ["title"] = new JsonObject { ["simpleText"] = video.Title },
            ["publishedTimeText"] = new JsonObject { ["simpleText"] = video.Published },
            ["viewCountText"] = new JsonObject { ["simpleText"] = Views(video.Views) },
            ["navigationEndpoint"] = WatchEndpoint(video),
            ["shortBylineText"] = ChannelRuns(video.Channel),
            ["trackingParams"] = "CKEBEJQ1GAAiEwiP",
            ["thumbnailOverlays"] = new JsonArray(new JsonObject { ["thumbnailOverlayTimeStatusRenderer"] = new JsonObject { ["text"] = new JsonObject { ["simpleText"] = Clock(video.DurationSeconds) }, ["style"] = "DEFAULT" } }),
        },
    };

    /// <summary>
    /// A shelf mixed into search results ("People also watched", "For you", "Channels new to you"): a titled
    /// shelfRenderer whose content is a verticalListRenderer (collapsed after two items, with a "+N more" button) or a
    /// horizontalListRenderer with paging arrows.
    /// </summary>
    public static JsonObject Shelf(string title, JsonArray items, bool horizontal)
    {
        var count = items.Count;
        JsonObject content = horizontal
            ? new JsonObject
            {
                ["horizontalListRenderer"] = new JsonObject
                {
                    ["items"] = items,
                    ["visibleItemCount"] = 4,
                    ["nextButton"] = new JsonObject { ["buttonRenderer"] = new JsonObject { ["style"] = "STYLE_DEFAULT", ["icon"] = new JsonObject { ["iconType"] = "CHEVRON_RIGHT" } } },
                    ["previousButton"] = new JsonObject { ["buttonRenderer"] = new JsonObject { ["style"] = "STYLE_DEFAULT", ["icon"] = new JsonObject { ["iconType"] = "CHEVRON_LEFT" } } },
                },
            }
            : new JsonObject
            {
                ["verticalListRenderer"] = new JsonObject
                {
                    ["items"] = items,
                    ["collapsedItemCount"] = Math.Min(2, count),
                    ["collapsedStateButtonText"] = new JsonObject { ["runs"] = new JsonArray(new JsonObject { ["text"] = "+" + (count - Math.Min(2, count)).ToString(CultureInfo.InvariantCulture) }, new JsonObject { ["text"] = " more" }) },
                    ["trackingParams"] = "CJ4BEJ8xIhMIj",
                },
            };
        return new JsonObject
        {
            ["shelfRenderer"] = new JsonObject
            {
                ["title"] = new JsonObject { ["simpleText"] = title },
                ["content"] = content,
                ["trackingParams"] = "CJ0BENwcGAMiEwiP",
            },
        };
    }

    /// <summary>The 2025– Shorts shelf of search pages: a gridShelfViewModel of shortsLockupViewModels under a section header.</summary>
    public static JsonObject GridShelf(string title, IEnumerable<MockVideo> shorts) => new()
    {
        ["gridShelfViewModel"] = new JsonObject
        {
            ["contents"] = new JsonArray([.. shorts.Select(v => (JsonNode)ShortsLockup(v))]),
            ["header"] = new JsonObject { ["sectionHeaderViewModel"] = new JsonObject { ["headline"] = new JsonObject { ["content"] = title }, ["sectionHeaderStyle"] = "SECTION_HEADER_STYLE_SHELF" } },
            ["contentAspectRatio"] = "GRID_SHELF_CONTENT_ASPECT_RATIO_TWO_BY_THREE",
            ["enableVerticalExpansion"] = false,
            ["showMoreButton"] = new JsonObject { ["buttonViewModel"] = new JsonObject { ["title"] = "Show more", ["style"] = "BUTTON_VIEW_MODEL_STYLE_MONO" } },
        },
    };

    public static JsonObject PlaylistVideo(MockVideo video, string playlistId, int index) => new()
    {
        ["playlistVideoRenderer"] = new JsonObject
        {
            ["videoId"] = video.Id,
            ["thumbnail"] = Thumbnails(video.Id),
            ["title"] = new JsonObject
            {
                ["runs"] = new JsonArray(new JsonObject { ["text"] = video.Title }),
                ["accessibility"] = new JsonObject { ["accessibilityData"] = new JsonObject { ["label"] = $"{video.Title} by {video.Channel.Name} {Views(video.Views)} {video.Published}" } },
            },
            ["index"] = new JsonObject { ["simpleText"] = (index + 1).ToString(CultureInfo.InvariantCulture) },
            ["shortBylineText"] = ChannelRuns(video.Channel),
            ["lengthText"] = new JsonObject { ["simpleText"] = Clock(video.DurationSeconds) },
            ["navigationEndpoint"] = WatchEndpoint(video, playlistId, index),
            ["lengthSeconds"] = video.DurationSeconds.ToString(CultureInfo.InvariantCulture),
            ["trackingParams"] = "CJQBENwwGAAiEwiP",
            ["isPlayable"] = true,
            ["videoInfo"] = new JsonObject
            {
                ["runs"] = new JsonArray(
                    new JsonObject { ["text"] = ShortViews(video.Views) },
                    new JsonObject { ["text"] = " • " },
                    new JsonObject { ["text"] = video.Published }),
            },
        },
    };

    public static JsonObject ContinuationItem(string token, string apiUrl, string requestType) => new()
    {
        ["continuationItemRenderer"] = new JsonObject
        {
            ["trigger"] = "CONTINUATION_TRIGGER_ON_ITEM_SHOWN",
            ["continuationEndpoint"] = new JsonObject
            {
                ["clickTrackingParams"] = "CBkQ7zsYACITCI",
                ["commandMetadata"] = new JsonObject { ["webCommandMetadata"] = new JsonObject { ["sendPost"] = true, ["apiUrl"] = apiUrl } },
                ["continuationCommand"] = new JsonObject { ["token"] = token, ["request"] = requestType },
            },
        },
    };

    public static JsonObject ContinuationViewModel(string token) => new()
    {
        ["continuationItemViewModel"] = new JsonObject
        {
            ["continuationCommand"] = new JsonObject
            {
                ["clickTrackingParams"] = "CBkQ7zsYACITCI",
                ["innertubeCommand"] = new JsonObject
                {
                    ["commandMetadata"] = new JsonObject { ["webCommandMetadata"] = new JsonObject { ["sendPost"] = true, ["apiUrl"] = "/youtubei/v1/browse" } },
                    ["continuationCommand"] = new JsonObject { ["token"] = token, ["request"] = "CONTINUATION_REQUEST_TYPE_BROWSE" },
                },
            },
            ["trigger"] = "CONTINUATION_TRIGGER_ON_ITEM_SHOWN",
        },
    };

    public static JsonObject ResponseContext() => new()
    {
        ["visitorData"] = VisitorData,
        ["serviceTrackingParams"] = new JsonArray(new JsonObject
        {
            ["service"] = "CSI",
            ["params"] = new JsonArray(new JsonObject { ["key"] = "c", ["value"] = "WEB" }, new JsonObject { ["key"] = "cver", ["value"] = ClientVersion }),
        }),
        ["mainAppWebResponseContext"] = new JsonObject { ["loggedOut"] = true },
    };

    /// <summary>A continuation response: <c>onResponseReceivedCommands</c> (search) or <c>onResponseReceivedActions</c> (browse) → appendContinuationItemsAction.</summary>
    public static JsonObject ContinuationResponse(string receivedKey, string targetId, JsonArray items) => new()
    {
        ["responseContext"] = ResponseContext(),
        ["trackingParams"] = "CAAQhGciEwiP",
        [receivedKey] = new JsonArray(new JsonObject
        {
            ["clickTrackingParams"] = "CAAQhGciEwiP",
            ["appendContinuationItemsAction"] = new JsonObject { ["continuationItems"] = items, ["targetId"] = targetId },
        }),
    };

    public static JsonObject Topbar() => new()
    {
        ["desktopTopbarRenderer"] = new JsonObject
        {
            ["logo"] = new JsonObject { ["topbarLogoRenderer"] = new JsonObject { ["iconImage"] = new JsonObject { ["iconType"] = "YOUTUBE_LOGO" } } },
            ["searchbox"] = new JsonObject { ["fusionSearchboxRenderer"] = new JsonObject { ["placeholderText"] = Runs("Search") } },
        },
    };

    /// <summary>The HTML shell: the ytcfg bootstrap, <c>ytcfg.set({...})</c>, and <c>var name = {...};</c> for each embedded object.</summary>
    public static string Html(string title, params (string Variable, JsonNode Json)[] scripts)
    {
        var ytcfg = new JsonObject
        {
            ["CLIENT_CANARY_STATE"] = "none",
            ["DEVICE"] = "cbr=Chrome&cbrver=131.0.0.0&ceng=WebKit&cengver=537.36&cos=X11",
            ["HL"] = "en",
            ["GL"] = "US",
            ["INNERTUBE_API_KEY"] = ApiKey,
            ["INNERTUBE_API_VERSION"] = "v1",
            ["INNERTUBE_CLIENT_NAME"] = "WEB",
            ["INNERTUBE_CLIENT_VERSION"] = ClientVersion,
            ["INNERTUBE_CONTEXT"] = new JsonObject
            {
                ["client"] = new JsonObject { ["hl"] = "en", ["gl"] = "US", ["visitorData"] = VisitorData, ["clientName"] = "WEB", ["clientVersion"] = ClientVersion, ["platform"] = "DESKTOP" },
                ["user"] = new JsonObject { ["lockedSafetyMode"] = false },
                ["request"] = new JsonObject { ["useSsl"] = true },
            },
            ["INNERTUBE_CONTEXT_CLIENT_NAME"] = 1,
            ["INNERTUBE_CONTEXT_CLIENT_VERSION"] = ClientVersion,
            ["VISITOR_DATA"] = VisitorData,
        };
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html style=\"font-size: 10px;font-family: Roboto, Arial, sans-serif;\" lang=\"en\" system-icons typography><head>");
        html.Append("<script nonce=\"mOcKnOnCe\">var ytcfg={d:function(){return window.yt&&yt.config_||ytcfg.data_||(ytcfg.data_={})},get:function(k,o){return k in ytcfg.d()?ytcfg.d()[k]:o},set:function(){var a=arguments;if(a.length>1)ytcfg.d()[a[0]]=a[1];else{var k;for(k in a[0])ytcfg.d()[k]=a[0][k]}}};\nwindow.ytcfg.set('EMERGENCY_BASE_URL', '/error_204?t\\x3djserror\\x26level\\x3dERROR');</script>");
        html.Append("<script nonce=\"mOcKnOnCe\">ytcfg.set(").Append(ytcfg.ToJsonString(Relaxed)).Append("); window.ytcfg.obfuscatedData_ = [];</script>");
        html.Append("<title>").Append(System.Net.WebUtility.HtmlEncode(title)).Append(" - YouTube</title></head><body dir=\"ltr\"><div id=\"watch7-content\"></div>");
        foreach (var (variable, json) in scripts)
            html.Append("<script nonce=\"mOcKnOnCe\">var ").Append(variable).Append(" = ").Append(json.ToJsonString(Relaxed)).Append(";</script>");
        html.Append("<ytd-app></ytd-app></body></html>");
        return html.ToString();
    }
}
