using System.Text.Json;
using Crawlers.YouTube;
using Xunit;

namespace Crawlers.Tests.YouTube;

public sealed class RendererWalkerTests
{
    private static RendererListing Walk(string json)
    {
        using var document = JsonDocument.Parse(json);
        return RendererWalker.Walk(document.RootElement);
    }

    [Fact]
    public void Reads_the_legacy_playlist_continuation_with_nextContinuationData()
    {
        var listing = Walk("""
            {"continuationContents":{"playlistVideoListContinuation":{
              "contents":[{"playlistVideoRenderer":{"videoId":"aaaaaaaaaaa","title":{"runs":[{"text":"Old "},{"text":"shape"}]},"lengthSeconds":"61",
                "shortBylineText":{"runs":[{"text":"Chan","navigationEndpoint":{"browseEndpoint":{"browseId":"UCxxxxxxxxxxxxxxxxxxxxxx"}}}]}}}],
              "continuations":[{"nextContinuationData":{"continuation":"LEGACY","clickTrackingParams":"x"}}]}}}
            """);

        var video = Assert.Single(listing.Videos);
        Assert.Equal(("aaaaaaaaaaa", "Old shape", 61, "Chan"), (video.VideoId, video.Title, video.DurationSeconds, video.ChannelName));
        Assert.Equal("LEGACY", listing.Continuation);
    }

    [Fact]
    public void Finds_the_token_of_a_continuationItemViewModel_however_deep()
    {
        var listing = Walk("""
            {"onResponseReceivedActions":[{"appendContinuationItemsAction":{"continuationItems":[
              {"lockupViewModel":{"contentId":"bbbbbbbbbbb","contentType":"LOCKUP_CONTENT_TYPE_VIDEO","metadata":{"lockupMetadataViewModel":{"title":{"content":"New shape"}}}}},
              {"continuationItemViewModel":{"continuationCommand":{"innertubeCommand":{"continuationCommand":{"token":"DEEP","request":"CONTINUATION_REQUEST_TYPE_BROWSE"}}}}}]}}]}
            """);

        Assert.Equal("New shape", Assert.Single(listing.Videos).Title);
        Assert.Equal("DEEP", listing.Continuation);
    }

    [Fact]
    public void Ignores_tokens_and_videos_in_panels_beside_the_list()
    {
        var listing = Walk("""
            {"contents":{"sectionListRenderer":{"contents":[{"itemSectionRenderer":{"contents":[{"videoRenderer":{"videoId":"ccccccccccc","title":{"simpleText":"In the list"}}}]}}]}},
             "engagementPanels":[{"continuationItemRenderer":{"continuationEndpoint":{"continuationCommand":{"token":"PANEL"}}}}],
             "sidebar":{"videoRenderer":{"videoId":"ddddddddddd","title":{"simpleText":"Beside it"}}}}
            """);

        Assert.Equal("ccccccccccc", Assert.Single(listing.Videos).VideoId);
        Assert.Null(listing.Continuation);
    }

    [Fact]
    public void Keeps_videos_of_grid_and_panel_renderers_and_leaves_out_playlist_lockups()
    {
        var listing = Walk("""
            {"items":[
              {"gridVideoRenderer":{"videoId":"eeeeeeeeeee","title":{"simpleText":"Grid"},"publishedTimeText":{"simpleText":"2 days ago"},"viewCountText":{"simpleText":"1,234 views"}}},
              {"playlistPanelVideoRenderer":{"videoId":"fffffffffff","title":{"simpleText":"Panel"},"lengthText":{"simpleText":"1:02:03"}}},
              {"lockupViewModel":{"contentId":"PLxxxxxxxxxx","contentType":"LOCKUP_CONTENT_TYPE_PLAYLIST","metadata":{"lockupMetadataViewModel":{"title":{"content":"A playlist"}}}}},
              {"reelItemRenderer":{"videoId":"ggggggggggg","headline":{"simpleText":"Reel"}}}]}
            """);

        Assert.Equal(["eeeeeeeeeee", "fffffffffff", "ggggggggggg"], listing.Videos.Select(v => v.VideoId));
        Assert.Equal(1234, listing.Videos[0].ViewCount);
        Assert.Equal(3723, listing.Videos[1].DurationSeconds);
        Assert.True(listing.Videos[2].IsShort);
        Assert.Equal("Reel", listing.Videos[2].Title);
    }

    [Fact]
    public void Reads_live_and_upcoming_from_badges_and_overlays()
    {
        var listing = Walk("""
            [{"videoRenderer":{"videoId":"hhhhhhhhhhh","title":{"simpleText":"Live"},"badges":[{"metadataBadgeRenderer":{"style":"BADGE_STYLE_TYPE_LIVE_NOW","label":"LIVE"}}]}},
             {"videoRenderer":{"videoId":"iiiiiiiiiii","title":{"simpleText":"Soon"},"upcomingEventData":{"startTime":"1798761600"}}},
             {"lockupViewModel":{"contentId":"jjjjjjjjjjj","contentType":"LOCKUP_CONTENT_TYPE_VIDEO","contentImage":{"thumbnailViewModel":{"overlays":[{"thumbnailOverlayBadgeViewModel":{"thumbnailBadges":[{"thumbnailBadgeViewModel":{"text":"LIVE","badgeStyle":"THUMBNAIL_OVERLAY_BADGE_STYLE_LIVE"}}]}}]}},"metadata":{"lockupMetadataViewModel":{"title":{"content":"Live lockup"}}}}},
             {"videoRenderer":{"videoId":"kkkkkkkkkkk","title":{"simpleText":"A short"},"navigationEndpoint":{"commandMetadata":{"webCommandMetadata":{"url":"/shorts/kkkkkkkkkkk"}}}}}]
            """);

        Assert.Equal([true, false, true, false], listing.Videos.Select(v => v.IsLive));
        Assert.Equal([false, true, false, false], listing.Videos.Select(v => v.IsUpcoming));
        Assert.True(listing.Videos[3].IsShort);
    }
}
