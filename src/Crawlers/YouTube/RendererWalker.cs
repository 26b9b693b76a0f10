using System.Text.Json;

namespace Crawlers.YouTube;

/// <summary>
/// Finds the known video renderers anywhere in a YouTube JSON tree, as yt-dlp does, instead of trusting one fixed
/// path that YouTube reshuffles every few months: <c>videoRenderer</c> (also inside
/// <c>richItemRenderer.content</c>), <c>gridVideoRenderer</c>, <c>playlistVideoRenderer</c>,
/// <c>playlistPanelVideoRenderer</c>, <c>reelItemRenderer</c>, <c>shortsLockupViewModel</c> and
/// <c>lockupViewModel</c> with a video content type; and the continuation token of the item list
/// (<c>continuationItemRenderer</c>, <c>continuationItemViewModel</c>, legacy <c>nextContinuationData</c>).
/// Panels beside the list (engagement panels, the top bar, the sidebar, related videos) are not walked: their tokens
/// and videos are not the list's. Videos inside a shelf YouTube mixes into a list (<c>shelfRenderer</c> with a vertical
/// or horizontal list, <c>reelShelfRenderer</c>, <c>richShelfRenderer</c>, <c>gridShelfViewModel</c>,
/// <c>horizontalShelfViewModel</c>, <c>horizontalCardListRenderer</c>) are marked with the shelf's title
/// (<see cref="VideoEntry.Shelf"/>); a shelf's continuation token is never taken for the list's.
/// </summary>
public static class RendererWalker
{
    private static readonly HashSet<string> SkippedKeys = ["engagementPanels", "topbar", "sidebar", "secondaryResults", "frameworkUpdates", "responseContext", "playerOverlays", "microformat"];

    private static readonly HashSet<string> ShelfRenderers = ["shelfRenderer", "reelShelfRenderer", "richShelfRenderer", "gridShelfViewModel", "horizontalShelfViewModel", "horizontalCardListRenderer"];

    private static readonly HashSet<string> ClassicVideoRenderers = ["videoRenderer", "gridVideoRenderer", "playlistVideoRenderer", "playlistPanelVideoRenderer", "reelItemRenderer"];

    public static RendererListing Walk(JsonElement root)
    {
        var videos = new List<VideoEntry>();
        string? continuation = null;
        Visit(root, null, videos, ref continuation);
        return new RendererListing(videos, continuation)
        {
            PageChannelName = root.GetString("metadata", "channelMetadataRenderer", "title"),
            PageChannelId = root.GetString("metadata", "channelMetadataRenderer", "externalId"),
        };
    }

    /// <param name="shelf">The title of the shelf <paramref name="node"/> sits in; null in the list itself.</param>
    private static void Visit(JsonElement node, string? shelf, List<VideoEntry> videos, ref string? continuation)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
                Visit(item, shelf, videos, ref continuation);
            return;
        }
        if (node.ValueKind != JsonValueKind.Object)
            return;

        foreach (var property in node.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array) || SkippedKeys.Contains(property.Name))
                continue;
            if (ClassicVideoRenderers.Contains(property.Name) || property.Name is "lockupViewModel" or "shortsLockupViewModel")
            {
                if (Video(property.Name, value) is { } video)
                    videos.Add(shelf is null ? video : video with { Shelf = shelf });
                continue;
            }
            switch (property.Name)
            {
                case var name when ShelfRenderers.Contains(name):
                    // A shelf's own token (if any) pages the shelf, not the list: it is collected and dropped.
                    string? shelfToken = null;
                    Visit(value, shelf ?? ShelfTitle(value) ?? name, videos, ref shelfToken);
                    break;
                case "continuationItemRenderer" or "continuationItemViewModel":
                    continuation ??= TokenIn(value);
                    break;
                case "nextContinuationData":
                    continuation ??= value.GetString("continuation");
                    break;
                default:
                    Visit(value, shelf, videos, ref continuation);
                    break;
            }
        }
    }

    private static VideoEntry? Video(string kind, JsonElement renderer) => kind switch
    {
        "lockupViewModel" => Lockup(renderer),
        "shortsLockupViewModel" => ShortsLockup(renderer),
        _ => ClassicRenderer(renderer, kind),
    };

    /// <summary>
    /// A shelf's title: <c>title</c> (shelfRenderer, reelShelfRenderer, richShelfRenderer), or the title or headline of
    /// its header (<c>header.sectionHeaderViewModel.headline</c> on a gridShelfViewModel, <c>header.richListHeaderRenderer.title</c>).
    /// </summary>
    private static string? ShelfTitle(JsonElement shelf)
    {
        if (shelf.Text("title") is { Length: > 0 } title)
            return title;
        if (shelf.Get("header") is not { ValueKind: JsonValueKind.Object } header)
            return null;
        return header.EnumerateObject()
            .Select(h => h.Value.Text("title") ?? h.Value.Text("headline"))
            .FirstOrDefault(t => !string.IsNullOrEmpty(t));
    }

    /// <summary>The first <c>continuationCommand.token</c> inside a continuation item, however deeply YouTube nests it.</summary>
    private static string? TokenIn(JsonElement item)
    {
        foreach (var candidate in item.DescendantObjects())
        {
            if (candidate.GetString("continuationCommand", "token") is { Length: > 0 } token)
                return token;
        }
        return null;
    }

    private static VideoEntry? ClassicRenderer(JsonElement renderer, string kind)
    {
        if (renderer.GetString("videoId") is not { Length: > 0 } id)
            return null;
        var byline = renderer.FirstRun("ownerText") ?? renderer.FirstRun("shortBylineText") ?? renderer.FirstRun("longBylineText");
        var overlayStyle = renderer.Items("thumbnailOverlays")
            .Select(o => o.GetString("thumbnailOverlayTimeStatusRenderer", "style"))
            .FirstOrDefault(s => s is not null);
        var badgeStyles = renderer.Items("badges").Select(b => b.GetString("metadataBadgeRenderer", "style")).ToArray();
        var navigationUrl = renderer.GetString("navigationEndpoint", "commandMetadata", "webCommandMetadata", "url") ?? "";
        var duration = int.TryParse(renderer.GetString("lengthSeconds"), out var seconds)
            ? seconds
            : YouTubeText.ParseDuration(renderer.Text("lengthText") ?? renderer.Items("thumbnailOverlays").Select(o => o.Text("thumbnailOverlayTimeStatusRenderer", "text")).FirstOrDefault(t => t is not null));
        var videoInfo = renderer.Get("videoInfo", "runs") is { ValueKind: JsonValueKind.Array } runs ? runs.EnumerateArray().Select(r => r.GetString("text")).Where(t => t is not null && t.Trim() != "•").ToArray() : [];

        return new VideoEntry(id, renderer.Text("title") ?? renderer.Text("headline"))
        {
            ChannelName = byline?.GetString("text"),
            ChannelId = byline?.GetString("navigationEndpoint", "browseEndpoint", "browseId"),
            DurationSeconds = duration,
            ViewCount = YouTubeText.ParseCount(renderer.Text("viewCountText") ?? renderer.Text("shortViewCountText") ?? videoInfo.FirstOrDefault() ?? renderer.Text("viewCountText")),
            PublishedText = renderer.Text("publishedTimeText") ?? (videoInfo.Length > 1 ? videoInfo[^1] : null),
            IsUpcoming = renderer.Get("upcomingEventData") is not null || overlayStyle == "UPCOMING",
            IsLive = overlayStyle == "LIVE" || badgeStyles.Contains("BADGE_STYLE_TYPE_LIVE_NOW"),
            IsShort = kind == "reelItemRenderer" || overlayStyle == "SHORTS" || navigationUrl.StartsWith("/shorts/", StringComparison.Ordinal),
        };
    }

    /// <summary>The 2024– view model: <c>contentId</c>, <c>metadata.lockupMetadataViewModel</c> (title, metadata rows), badges on the thumbnail.</summary>
    private static VideoEntry? Lockup(JsonElement lockup)
    {
        if (lockup.GetString("contentType") != "LOCKUP_CONTENT_TYPE_VIDEO" || lockup.GetString("contentId") is not { Length: > 0 } id)
            return null;
        var metadata = lockup.Get("metadata", "lockupMetadataViewModel") ?? default;
        var rows = metadata.ValueKind == JsonValueKind.Object
            ? metadata.Items("metadata", "contentMetadataViewModel", "metadataRows").Select(r => r.Items("metadataParts").ToArray()).ToArray()
            : [];

        JsonElement? channelPart = null;
        foreach (var part in rows.SelectMany(r => r))
        {
            if (part.GetString("text", "commandRuns", "0", "onTap", "innertubeCommand", "browseEndpoint", "browseId") is not null)
            {
                channelPart = part;
                break;
            }
        }
        var statsRow = rows.FirstOrDefault(r => r.Length > 0 && r[^1].Get("accessibilityLabel") is not null) ?? rows.LastOrDefault(r => r.Length == 2) ?? [];

        var badges = lockup.Get("contentImage")?.DescendantObjects()
            .Where(o => o.Get("thumbnailBadgeViewModel") is not null)
            .Select(o => o.Get("thumbnailBadgeViewModel")!.Value)
            .ToArray() ?? [];
        var badgeText = badges.Select(b => b.GetString("text")).FirstOrDefault(t => t is not null);
        var badgeStyles = badges.Select(b => b.GetString("badgeStyle")).ToArray();

        return new VideoEntry(id, metadata.ValueKind == JsonValueKind.Object ? metadata.Text("title") : null)
        {
            ChannelName = channelPart?.Text("text"),
            ChannelId = channelPart?.GetString("text", "commandRuns", "0", "onTap", "innertubeCommand", "browseEndpoint", "browseId"),
            DurationSeconds = YouTubeText.ParseDuration(badgeText),
            ViewCount = statsRow.Length == 2 ? YouTubeText.ParseCount(statsRow[0].Text("text")) : null,
            PublishedText = statsRow.Length > 0 ? statsRow[^1].Text("text") : null,
            IsUpcoming = string.Equals(badgeText, "upcoming", StringComparison.OrdinalIgnoreCase),
            IsLive = badgeStyles.Contains("THUMBNAIL_OVERLAY_BADGE_STYLE_LIVE"),
        };
    }

    /// <summary>A Short on a channel's Shorts tab or a search shelf: the ID sits in the reel watch endpoint.</summary>
    private static VideoEntry? ShortsLockup(JsonElement shorts)
    {
        var id = shorts.GetString("onTap", "innertubeCommand", "reelWatchEndpoint", "videoId");
        if (id is null)
            return null;
        return new VideoEntry(id, shorts.Text("overlayMetadata", "primaryText"))
        {
            ViewCount = YouTubeText.ParseCount(shorts.Text("overlayMetadata", "secondaryText")),
            IsShort = true,
        };
    }
}
