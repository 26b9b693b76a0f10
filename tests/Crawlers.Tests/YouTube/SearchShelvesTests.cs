using System.Text.Json;
using Crawlers.YouTube;
using Xunit;

namespace Crawlers.Tests.YouTube;

/// <summary>
/// Search pages in the layouts YouTube served in 2020, 2021 and 2026 (smaller, hand-written copies of the shapes public
/// parsers' recorded pages show): the query's results sit in
/// <c>sectionListRenderer.contents[].itemSectionRenderer.contents[]</c>, with shelves of other videos mixed in.
/// </summary>
public sealed class SearchShelvesTests
{
    /// <summary>The template with <c>@0</c>, <c>@1</c>… replaced by the parts (JSON is too brace-heavy for interpolation).</summary>
    private static string Fill(string template, params string[] parts)
    {
        for (var i = parts.Length - 1; i >= 0; i--)
            template = template.Replace("@" + i, parts[i], StringComparison.Ordinal);
        return template;
    }

    private static RendererListing Walk(string json)
    {
        using var document = JsonDocument.Parse(json);
        return RendererWalker.Walk(document.RootElement);
    }

    private static string Video(string id, string title) =>
        Fill("""{"videoRenderer":{"videoId":"@0","title":{"runs":[{"text":"@1"}]},"lengthText":{"simpleText":"4:05"},"ownerText":{"runs":[{"text":"Some channel","navigationEndpoint":{"browseEndpoint":{"browseId":"UCaaaaaaaaaaaaaaaaaaaaaa"}}}]},"navigationEndpoint":{"commandMetadata":{"webCommandMetadata":{"url":"/watch?v=@0","webPageType":"WEB_PAGE_TYPE_WATCH"}},"watchEndpoint":{"videoId":"@0"}}}}""", id, title);

    private static string Page(string items, string token) => Fill("""
        {"responseContext":{"serviceTrackingParams":[{"service":"CSI","params":[{"key":"c","value":"WEB"}]}]},
         "estimatedResults":"1234567",
         "contents":{"twoColumnSearchResultsRenderer":{"primaryContents":{"sectionListRenderer":{"contents":[
           {"itemSectionRenderer":{"contents":[@0],"trackingParams":"CBkQuy8YACITCI"}},
           {"continuationItemRenderer":{"trigger":"CONTINUATION_TRIGGER_ON_ITEM_SHOWN","continuationEndpoint":{"commandMetadata":{"webCommandMetadata":{"sendPost":true,"apiUrl":"/youtubei/v1/search"}},"continuationCommand":{"token":"@1","request":"CONTINUATION_REQUEST_TYPE_SEARCH"}}}}
         ],"trackingParams":"CBgQui8iEwiP"}}}},
         "refinements":["rain sounds for sleeping"]}
        """, items, token);

    private static void AssertOnlyResults(RendererListing listing, string[] results, string token)
    {
        Assert.Equal(results, listing.Videos.Where(v => v.Shelf is null).Select(v => v.VideoId));
        Assert.Equal(token, listing.Continuation);
    }

    [Fact]
    public void A_2020_search_page_keeps_its_results_apart_from_the_learn_while_you_are_at_home_and_popular_shelves()
    {
        var listing = Walk(Page(string.Join(',',
            Video("res00000001", "Rain sounds 10 hours"),
            Video("res00000002", "Heavy rain on a tent"),
            Fill("""{"shelfRenderer":{"title":{"simpleText":"Learn while you're at home"},"content":{"verticalListRenderer":{"items":[@0,@1],"collapsedItemCount":2,"collapsedStateButtonText":{"runs":[{"text":"+0 more"}]}}},"trackingParams":"CJ0BENwcGAM"}}""", Video("shelf0000001", "How rain forms"), Video("shelf0000002", "Clouds explained")),
            Video("res00000003", "Thunderstorm at night"),
            """{"shelfRenderer":{"title":{"simpleText":"Popular in Sleep"},"content":{"horizontalListRenderer":{"items":[{"gridVideoRenderer":{"videoId":"shelf0000003","title":{"simpleText":"Ocean waves"},"navigationEndpoint":{"watchEndpoint":{"videoId":"shelf0000003"}}}}],"visibleItemCount":4}}}}"""),
            "EpQDEgxyYWluIHNvdW5kcxqDA1NCU0NBUXRTWlRkMk1"));

        AssertOnlyResults(listing, ["res00000001", "res00000002", "res00000003"], "EpQDEgxyYWluIHNvdW5kcxqDA1NCU0NBUXRTWlRkMk1");
        Assert.Equal(
            [("shelf0000001", "Learn while you're at home"), ("shelf0000002", "Learn while you're at home"), ("shelf0000003", "Popular in Sleep")],
            listing.Videos.Where(v => v.Shelf is not null).Select(v => (v.VideoId, v.Shelf!)));
    }

    [Fact]
    public void A_2021_search_page_and_its_continuation_leave_people_also_watched_and_for_you_out_of_the_results()
    {
        var first = Walk(Page(string.Join(',',
            Video("res00000001", "Rain sounds 10 hours"),
            Fill("""{"shelfRenderer":{"title":{"simpleText":"People also watched"},"content":{"verticalListRenderer":{"items":[@0,@1,@2],"collapsedItemCount":2}}}}""", Video("shelf0000001", "Fireplace 8 hours"), Video("shelf0000002", "Brown noise"), Video("shelf0000003", "Cat purring")),
            Video("res00000002", "Heavy rain on a tent"),
            """{"horizontalCardListRenderer":{"cards":[{"searchRefinementCardRenderer":{"query":{"runs":[{"text":"rain sounds for sleeping"}]}}}],"header":{"richListHeaderRenderer":{"title":{"simpleText":"People also search for"}}}}}""",
            Fill("""{"shelfRenderer":{"title":{"simpleText":"For you"},"content":{"verticalListRenderer":{"items":[@0],"collapsedItemCount":1}}}}""", Video("shelf0000004", "Lofi beats"))),
            "EqcDEgxyYWluIHNvdW5kcxqWA1NCU0NBUXR"));
        var next = Walk(Fill("""
            {"responseContext":{},"trackingParams":"CAAQhGciEwiP",
             "onResponseReceivedCommands":[{"clickTrackingParams":"CAAQhGci","appendContinuationItemsAction":{"continuationItems":[
               {"itemSectionRenderer":{"contents":[
                 @0,
                 {"shelfRenderer":{"title":{"simpleText":"People also watched"},"content":{"verticalListRenderer":{"items":[@1]}}}},
                 @2]}},
               {"continuationItemRenderer":{"continuationEndpoint":{"continuationCommand":{"token":"PAGE3","request":"CONTINUATION_REQUEST_TYPE_SEARCH"}}}}],
               "targetId":"search-feeds-section"}}]}
            """, Video("res00000003", "Thunderstorm at night"), Video("shelf0000005", "Waterfall"), Video("res00000004", "Rain on a tin roof")));

        AssertOnlyResults(first, ["res00000001", "res00000002"], "EqcDEgxyYWluIHNvdW5kcxqWA1NCU0NBUXR");
        Assert.Equal(4, first.Videos.Count(v => v.Shelf is not null));
        AssertOnlyResults(next, ["res00000003", "res00000004"], "PAGE3");
        Assert.Equal("People also watched", Assert.Single(next.Videos, v => v.Shelf is not null).Shelf);
    }

    [Fact]
    public void A_2026_search_page_keeps_its_results_apart_from_the_shorts_grid_and_channels_new_to_you()
    {
        var listing = Walk(Page(string.Join(',',
            Video("res00000001", "Rain sounds 10 hours"),
            """
            {"gridShelfViewModel":{"contents":[{"shortsLockupViewModel":{"entityId":"shorts-shelf-item-short000001","onTap":{"innertubeCommand":{"commandMetadata":{"webCommandMetadata":{"url":"/shorts/short000001","webPageType":"WEB_PAGE_TYPE_SHORTS"}},"reelWatchEndpoint":{"videoId":"short000001"}}},"overlayMetadata":{"primaryText":{"content":"Rain asmr #shorts"},"secondaryText":{"content":"1.2M views"}}}}],
              "header":{"sectionHeaderViewModel":{"headline":{"content":"Shorts"}}},"contentAspectRatio":"GRID_SHELF_CONTENT_ASPECT_RATIO_TWO_BY_THREE"}}
            """,
            Video("res00000002", "Heavy rain on a tent"),
            """{"shelfRenderer":{"title":{"simpleText":"Channels new to you"},"content":{"verticalListRenderer":{"items":[{"lockupViewModel":{"contentId":"shelf0000001","contentType":"LOCKUP_CONTENT_TYPE_VIDEO","metadata":{"lockupMetadataViewModel":{"title":{"content":"Forest ambience"}}}}}],"collapsedItemCount":1}}}}""",
            """{"reelShelfRenderer":{"title":{"runs":[{"text":"Shorts"}]},"items":[{"reelItemRenderer":{"videoId":"short000002","headline":{"simpleText":"Storm #shorts"}}}]}}""",
            Video("res00000003", "Thunderstorm at night")),
            "EpwDEgxyYWluIHNvdW5kcxqLA0VnSVFBVWdVZ2c"));

        AssertOnlyResults(listing, ["res00000001", "res00000002", "res00000003"], "EpwDEgxyYWluIHNvdW5kcxqLA0VnSVFBVWdVZ2c");
        Assert.Equal(
            [("short000001", "Shorts"), ("shelf0000001", "Channels new to you"), ("short000002", "Shorts")],
            listing.Videos.Where(v => v.Shelf is not null).Select(v => (v.VideoId, v.Shelf!)));
    }

    [Fact]
    public void A_token_inside_a_shelf_is_not_taken_for_the_list_token()
    {
        var listing = Walk(Fill("""
            {"contents":[
              {"richShelfRenderer":{"title":{"runs":[{"text":"Trending"}]},"contents":[@0,
                {"continuationItemRenderer":{"continuationEndpoint":{"continuationCommand":{"token":"SHELF-TOKEN"}}}}]}},
              @1,
              {"continuationItemRenderer":{"continuationEndpoint":{"continuationCommand":{"token":"LIST-TOKEN"}}}}]}
            """, Video("shelf0000001", "Elsewhere"), Video("res00000001", "A result")));

        AssertOnlyResults(listing, ["res00000001"], "LIST-TOKEN");
        Assert.Equal("Trending", listing.Videos[0].Shelf);
    }
}
