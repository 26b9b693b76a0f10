using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Microsoft.Extensions.Logging;

namespace Crawlers.YouTube;

/// <summary>
/// YouTube video titles as (watch URL, title) pairs, from search queries, channels, playlists and single videos.
/// Two backends: <c>web</c> reads the pages' embedded <c>ytInitialData</c> and pages through the youtubei
/// continuations a WEB client uses; <c>data-api</c> calls the official YouTube Data API v3. Every call is a request
/// the engine fetches, so robots.txt, politeness, retries and stats apply. YouTube's robots.txt disallows
/// <c>/results</c> and <c>/youtubei/</c>: while robots.txt is obeyed the web backend lists only first pages of
/// channels and playlists and single videos, and says so at start. Web search keeps the query's results only, not
/// the videos of the shelves mixed into them (unless <c>searchShelves</c>); the Data API, which has no Shorts flag,
/// learns whether a video is a Short from a HEAD of its <c>/shorts/</c> page on the web host (unless <c>includeShorts</c>).
/// </summary>
[Spider("youtube", "YouTube videos and their titles from queries, channels, playlists and videos (web pages or the Data API v3).")]
public sealed class YouTubeSpider : Spider<YouTubeSettings>, IEngineDefaults
{
    private const string StatPrefix = "youtube/";
    private readonly ConcurrentDictionary<string, byte> _emitted = new(StringComparer.Ordinal);
    private long _apiUnits;
    private long _quotaResetTicks;
    private int _quotaReported;
    private int _quotaDropReported;

    /// <summary>Quota units this crawl spent on successful Data API calls.</summary>
    public long ApiUnitsSpent => Interlocked.Read(ref _apiUnits);

    private bool ObeysRobots => Context.Engine.ObeyRobotsTxt;

    /// <summary>One request at a time and a second between them: YouTube answers fast crawlers with bot checks (HTTP 429).</summary>
    public static EngineSettings EngineDefaults(EngineSettings builtIn) => builtIn with { PerHost = 1, Delay = 1 };

    /// <summary>The Data API key, sent as the <c>X-Goog-Api-Key</c> header of Data API calls only.</summary>
    public override ApiCredentials Credentials => Settings.UsesDataApi && Settings.EffectiveApiKey() is { } key
        ? new ApiCredentials { Headers = new Dictionary<string, string> { ["X-Goog-Api-Key"] = key } }
        : ApiCredentials.None;

    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var inputs = ParseInputs();
        var requests = Settings.UsesDataApi ? inputs.SelectMany(DataApiStart) : WebStart(inputs);
        foreach (var request in requests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return request;
        }
        await Task.CompletedTask;
    }

    private List<YouTubeInput> ParseInputs()
    {
        var inputs = new List<YouTubeInput>();
        inputs.AddRange(Settings.Queries.Where(q => !string.IsNullOrWhiteSpace(q)).Select(YouTubeInput.Query));
        AddParsed(Settings.Channels, YouTubeInput.TryChannel, "channel", "a handle (@name), a UC… ID or a channel URL");
        AddParsed(Settings.Playlists, YouTubeInput.TryPlaylist, "playlist", "a playlist ID (PL…) or a URL with list=");
        AddParsed(Settings.Videos, YouTubeInput.TryVideo, "video", "an 11-character video ID or a watch URL");
        return inputs;

        void AddParsed(IEnumerable<string> raw, TryParse parse, string kind, string expected)
        {
            foreach (var text in raw.Where(t => !string.IsNullOrWhiteSpace(t)))
            {
                if (parse(text, out var input))
                    inputs.Add(input);
                else
                {
                    Context.Stats.Custom.Increment(StatPrefix + "bad_input");
                    Logger.LogError("Skipped {Kind} '{Input}': expected {Expected}.", kind, text, expected);
                }
            }
        }
    }

    private delegate bool TryParse(string raw, out YouTubeInput input);

    // ---------------------------------------------------------------- web backend

    private IEnumerable<Request> WebStart(List<YouTubeInput> inputs)
    {
        if (ObeysRobots)
            AnnounceRobotsLimits(inputs);
        foreach (var input in inputs)
        {
            switch (input.Kind)
            {
                case InputKind.Query when !ObeysRobots:
                    var filter = Settings.SearchVideosOnly ? "&sp=EgIQAQ%253D%253D" : "";
                    yield return Page($"results?search_query={Uri.EscapeDataString(input.Id)}{filter}", new ListingState(input) { Endpoint = "search" });
                    break;
                case InputKind.Channel:
                    var channelPath = input.IsChannelHandle ? Uri.EscapeDataString(input.Id).Replace("%40", "@", StringComparison.Ordinal) : $"channel/{input.Id}";
                    yield return Page($"{channelPath}/videos", new ListingState(input));
                    if (Settings.IncludeShorts)
                        yield return Page($"{channelPath}/shorts", new ListingState(input));
                    break;
                case InputKind.Playlist:
                    yield return Page($"playlist?list={Uri.EscapeDataString(input.Id)}", new ListingState(input));
                    break;
                case InputKind.Video:
                    yield return Page($"watch?v={input.Id}", new ListingState(input));
                    break;
            }
        }
    }

    private Request Page(string relative, ListingState state) =>
        new Request(new Uri(Settings.BaseUrl, relative), nameof(ParsePage))
        {
            Headers = new Dictionary<string, string> { ["Accept-Language"] = "en-US,en;q=0.9" },
            HandleStatuses = [404],
        }.WithData(state);

    private void AnnounceRobotsLimits(List<YouTubeInput> inputs)
    {
        var queries = inputs.Where(i => i.Kind == InputKind.Query).Select(i => $"'{i.Original}'").ToArray();
        var listings = inputs.Count(i => i.Kind is InputKind.Channel or InputKind.Playlist);
        if (queries.Length == 0 && listings == 0)
            return;
        var skipped = new List<string>();
        if (queries.Length > 0)
        {
            Context.Stats.Custom.Increment(StatPrefix + "skipped_queries_robots", queries.Length);
            skipped.Add($"skipped {queries.Length} search {(queries.Length == 1 ? "query" : "queries")} ({string.Join(", ", queries)}) because robots.txt disallows /results");
        }
        if (listings > 0)
            skipped.Add($"{listings} channel/playlist {(listings == 1 ? "input is" : "inputs are")} listed to the first page only (about 30 videos per channel, 100 per playlist) because robots.txt disallows /youtubei/, which serves the further pages");
        Logger.LogWarning(
            "Obeying YouTube's robots.txt (it disallows /results and /youtubei/ to every crawler): {Skipped}. Two ways on: " +
            "--set backend=data-api (the official YouTube Data API v3; needs apiKey or YOUTUBE_API_KEY), or " +
            "--set obeyRobotsTxt=false (your decision to make; yt-dlp and the LAION tools do not read robots.txt).",
            string.Join("; ", skipped));
    }

    [Yields(Pairs = 1, OrCounted = [StatPrefix + "not_found", StatPrefix + "consent_pages", StatPrefix + "skipped_*", StatPrefix + "duplicate_videos"])]
    private async IAsyncEnumerable<SpiderOutput> ParsePage(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = response.Request.GetData<ListingState>();
        var input = state.Input;
        if (response.Status == 404)
        {
            Context.Stats.Custom.Increment(StatPrefix + "not_found");
            Logger.LogError("{Input}: {Url} answered 404 Not Found; skipped this input.", input.Label, response.Url);
            yield break;
        }
        if (YouTubePageExtractor.IsConsentPage(response.Url, response.Body.Span))
        {
            if (RetryPastConsent(response, state) is { } retry)
                yield return retry;
            yield break;
        }

        if (input.Kind == InputKind.Video)
        {
            if (WatchPageVideo(response, input) is { } video)
            {
                await foreach (var pair in KeepAsync([video], input, null, cancellationToken).ConfigureAwait(false))
                    yield return pair;
            }
            yield break;
        }

        using var initialData = YouTubePageExtractor.InitialData(response.Body.Span);
        if (initialData is null)
        {
            Context.Stats.Custom.Increment(StatPrefix + "no_initial_data");
            Logger.LogError("{Input}: the page {Url} has no ytInitialData (YouTube changed the page, or served an error or bot check instead); skipped this input, the crawl goes on.", input.Label, response.Url);
            yield break;
        }
        var client = YouTubePageExtractor.Client(response.Body.Span);
        var listing = RendererWalker.Walk(initialData.RootElement);
        state = state with { Client = client, PageChannelName = listing.PageChannelName, PageChannelId = listing.PageChannelId };
        await foreach (var output in KeepAndContinueAsync(listing, state, cancellationToken).ConfigureAwait(false))
            yield return output;
    }

    [Yields(Pairs = 1, OrCounted = [StatPrefix + "skipped_*", StatPrefix + "duplicate_videos"])]
    private async IAsyncEnumerable<SpiderOutput> ParseContinuation(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = response.Request.GetData<ListingState>();
        RendererListing listing;
        try
        {
            using var json = JsonDocument.Parse(response.Body, YouTubePageExtractor.DocumentOptions);
            listing = RendererWalker.Walk(json.RootElement);
        }
        catch (JsonException ex)
        {
            Context.Stats.Custom.Increment(StatPrefix + "bad_continuation");
            Logger.LogError("{Input}: the continuation from {Url} is not JSON ({Message}); stopped paging this input.", state.Input.Label, response.Url, ex.Message);
            yield break;
        }
        listing = listing with { PageChannelName = listing.PageChannelName ?? state.PageChannelName, PageChannelId = listing.PageChannelId ?? state.PageChannelId };
        await foreach (var output in KeepAndContinueAsync(listing, state, cancellationToken).ConfigureAwait(false))
            yield return output;
    }

    private async IAsyncEnumerable<SpiderOutput> KeepAndContinueAsync(RendererListing listing, ListingState state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Context.Stats.Custom.Increment(StatPrefix + "pages");
        await foreach (var pair in KeepAsync(listing.Videos, state.Input, listing, cancellationToken).ConfigureAwait(false))
            yield return pair;

        if (listing.Continuation is not { } token)
            yield break;
        if (await LimitReachedAsync(state.Input, cancellationToken).ConfigureAwait(false))
            yield break;
        if (state.Tokens.Contains(token))
        {
            Context.Stats.Custom.Increment(StatPrefix + "repeated_tokens");
            Logger.LogInformation("{Input}: YouTube handed back a continuation token already followed; the list is at its end.", state.Input.Label);
            yield break;
        }
        if (ObeysRobots)
        {
            Context.Stats.Custom.Increment(StatPrefix + "continuations_not_followed_robots");
            Logger.LogInformation("{Input}: more videos are behind /youtubei/{Endpoint}, which robots.txt disallows; kept the first page.", state.Input.Label, state.Endpoint);
            yield break;
        }
        var client = state.Client ?? InnertubeClient.Fallback;
        yield return InnertubeRequests.Continuation(Settings.BaseUrl, state.Endpoint, client, token, nameof(ParseContinuation))
            .WithData(state with { Tokens = [.. state.Tokens, token] });
    }

    private Request? RetryPastConsent(Response response, ListingState state)
    {
        Context.Stats.Custom.Increment(StatPrefix + "consent_pages");
        if (state.ConsentRetried)
        {
            Logger.LogError("{Input}: YouTube still shows its cookie-consent page after the consent cookie was sent; skipped this input.", state.Input.Label);
            return null;
        }
        Logger.LogInformation("{Input}: YouTube showed its EU cookie-consent page; retrying with the consent cookie.", state.Input.Label);
        var original = response.Request;
        var headers = new Dictionary<string, string>(original.Headers) { ["Cookie"] = "SOCS=CAI; CONSENT=YES+cb" };
        return (original with { Headers = headers, DontFilter = true }).WithData(state with { ConsentRetried = true });
    }

    /// <summary>A watch page: <c>ytInitialPlayerResponse.videoDetails</c> has the title, length, channel and live flags.</summary>
    private VideoEntry? WatchPageVideo(Response response, YouTubeInput input)
    {
        using var player = YouTubePageExtractor.PlayerResponse(response.Body.Span);
        var details = player?.RootElement.Get("videoDetails");
        if (details is not { ValueKind: JsonValueKind.Object } video || video.GetString("videoId") is not { } id)
        {
            Context.Stats.Custom.Increment(StatPrefix + "no_initial_data");
            var status = player?.RootElement.GetString("playabilityStatus", "reason");
            Logger.LogError("{Input}: the watch page {Url} has no video details{Reason}; skipped.", input.Label, response.Url, status is null ? "" : $" ({status})");
            return null;
        }
        var microformat = player!.RootElement.Get("microformat", "playerMicroformatRenderer");
        return new VideoEntry(id, video.GetString("title"))
        {
            ChannelName = video.GetString("author"),
            ChannelId = video.GetString("channelId"),
            DurationSeconds = int.TryParse(video.GetString("lengthSeconds"), out var seconds) ? seconds : null,
            ViewCount = long.TryParse(video.GetString("viewCount"), out var views) ? views : null,
            PublishedText = microformat?.GetString("publishDate"),
            IsLive = video.Get("isLive") is { ValueKind: JsonValueKind.True },
            IsUpcoming = video.Get("isUpcoming") is { ValueKind: JsonValueKind.True },
        };
    }

    // ---------------------------------------------------------------- Data API backend

    private IEnumerable<Request> DataApiStart(YouTubeInput input) => input.Kind switch
    {
        InputKind.Query => [Api("search", $"part=snippet&type=video&maxResults=50&q={Uri.EscapeDataString(input.Id)}", nameof(ApiSearch), new ListingState(input) { Cost = 100 })],
        InputKind.Channel => [Api("channels", $"part=contentDetails,snippet&{(input.IsChannelHandle ? "forHandle" : "id")}={Uri.EscapeDataString(input.Id)}", nameof(ApiChannel), new ListingState(input) { Cost = 1 })],
        InputKind.Playlist => [PlaylistItems(input, null, 0)],
        _ => [ApiVideos(input, [input.Id])],
    };

    private Request PlaylistItems(YouTubeInput input, string? pageToken, int listed) =>
        Api("playlistItems", $"part=contentDetails&maxResults=50&playlistId={Uri.EscapeDataString(input.Id)}", nameof(ApiPlaylistItems), new ListingState(input) { Cost = 1, Listed = listed }, pageToken);

    private Request ApiVideos(YouTubeInput input, IEnumerable<string> ids) =>
        Api("videos", $"part=snippet,contentDetails,statistics&id={string.Join(',', ids)}", nameof(ApiVideoDetails), new ListingState(input) { Cost = 1 });

    private Request Api(string method, string query, string callback, ListingState state, string? pageToken = null)
    {
        var url = new Uri(ApiRoot(), method + "?" + query + (pageToken is null ? "" : "&pageToken=" + Uri.EscapeDataString(pageToken)));
        return new Request(url, callback)
        {
            Api = true,
            // The key is added at send time (Credentials), so it never reaches a log line, the stats, a frontier or failures.jsonl.
            Headers = new Dictionary<string, string> { ["Accept"] = "application/json" },
            HandleStatuses = [400, 401, 403, 404, 429],
        }.WithData(state);
    }

    private Uri ApiRoot()
    {
        var root = Settings.ApiBaseUrl.AbsoluteUri;
        return new Uri(root.EndsWith('/') ? root : root + "/");
    }

    private async IAsyncEnumerable<SpiderOutput> ApiSearch(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await ApiResultAsync(response, cancellationToken).ConfigureAwait(false) is not { } state)
            yield break;
        var ids = DataApiParser.SearchVideoIds(response.Json);
        var exhausted = await QuotaExhaustedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var request in NextApiPage(response, state, ids, exhausted, token => Api("search", response.Request.Url.Query.TrimStart('?').Split("&pageToken=")[0], nameof(ApiSearch), state with { Listed = state.Listed + ids.Count }, token)))
            yield return request;
        await Task.CompletedTask;
    }

    private async IAsyncEnumerable<SpiderOutput> ApiChannel(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await ApiResultAsync(response, cancellationToken).ConfigureAwait(false) is not { } state)
            yield break;
        if (DataApiParser.UploadsPlaylist(response.Json) is not { } uploads)
        {
            Context.Stats.Custom.Increment(StatPrefix + "not_found");
            Logger.LogError("{Input}: the Data API knows no such channel; skipped.", state.Input.Label);
            yield break;
        }
        if (await QuotaExhaustedAsync(cancellationToken).ConfigureAwait(false))
            yield break;
        yield return PlaylistItems(state.Input with { Kind = InputKind.Playlist, Id = uploads }, null, 0)
            .WithData(new ListingState(state.Input) { Cost = 1, Endpoint = uploads });
        await Task.CompletedTask;
    }

    private async IAsyncEnumerable<SpiderOutput> ApiPlaylistItems(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await ApiResultAsync(response, cancellationToken).ConfigureAwait(false) is not { } state)
            yield break;
        var ids = DataApiParser.PlaylistVideoIds(response.Json);
        var playlist = state.Input.Kind == InputKind.Playlist ? state.Input : state.Input with { Id = state.Endpoint };
        var exhausted = await QuotaExhaustedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var request in NextApiPage(response, state, ids, exhausted, token =>
                     PlaylistItems(playlist, token, state.Listed + ids.Count).WithData(state with { Listed = state.Listed + ids.Count })))
            yield return request;
        await Task.CompletedTask;
    }

    /// <summary>Asks videos.list for the listed IDs (up to the input's limit) and the list method for its next page.</summary>
    private IEnumerable<Request> NextApiPage(Response response, ListingState state, IReadOnlyList<string> ids, bool quotaExhausted, Func<string, Request> nextPage)
    {
        Context.Stats.Custom.Increment(StatPrefix + "pages");
        var room = Settings.MaxResultsPerInput == 0 ? ids.Count : Math.Max(0, Settings.MaxResultsPerInput - state.Listed);
        if (quotaExhausted)
            yield break;
        var wanted = ids.Take(room).Where(id => !_emitted.ContainsKey(id)).ToArray();
        if (wanted.Length > 0)
            yield return ApiVideos(state.Input, wanted);
        var moreWanted = Settings.MaxResultsPerInput == 0 || state.Listed + ids.Count < Settings.MaxResultsPerInput;
        if (DataApiParser.NextPageToken(response.Json) is { } token && moreWanted && ids.Count > 0)
            yield return nextPage(token);
    }

    private async IAsyncEnumerable<SpiderOutput> ApiVideoDetails(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await ApiResultAsync(response, cancellationToken).ConfigureAwait(false) is not { } state)
            yield break;
        var videos = DataApiParser.Videos(response.Json);
        if (videos.Count == 0 && state.Input.Kind == InputKind.Video)
            Logger.LogError("{Input}: the Data API knows no such video (private or deleted?); skipped.", state.Input.Label);
        foreach (var listed in videos)
        {
            var verdict = Settings.IncludeShorts ? null : await ShortVerdictAsync(listed.VideoId, cancellationToken).ConfigureAwait(false);
            if (verdict is null && await NeedsShortsProbeAsync(listed, state.Input, cancellationToken).ConfigureAwait(false))
            {
                yield return ShortsProbeRequest(listed, state.Input);
                continue;
            }
            if (verdict is not null)
                Context.Stats.Custom.Increment(StatPrefix + "shorts_verdicts_reused");
            var video = verdict is { } isShort ? listed with { IsShort = isShort } : listed;
            await foreach (var pair in KeepAsync([video], state.Input, null, cancellationToken).ConfigureAwait(false))
                yield return pair;
        }
    }

    /// <summary>
    /// Whether a Data API video with no verdict yet must be asked of the web site before it is kept: only when Shorts
    /// are left out, after the cheaper filters, for videos short enough to be a Short.
    /// </summary>
    private async ValueTask<bool> NeedsShortsProbeAsync(VideoEntry video, YouTubeInput input, CancellationToken cancellationToken) =>
        !Settings.IncludeShorts
        && video.DurationSeconds is not > ShortsProbe.LongestShortSeconds
        && !_emitted.ContainsKey(video.VideoId)
        && SkipReason(video, input) is null
        && !await LimitReachedAsync(input, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// HEAD <c>{baseUrl}/shorts/{id}</c> without following redirects. Not a Data API call (no quota); the web host's
    /// robots.txt (which allows /shorts/) and politeness apply, and the frontier's fingerprint keeps a video from being
    /// probed twice, also across a resumed job.
    /// </summary>
    private Request ShortsProbeRequest(VideoEntry video, YouTubeInput input) =>
        new Request(new Uri(Settings.BaseUrl, "shorts/" + Uri.EscapeDataString(video.VideoId)), nameof(ApiShortsProbe))
        {
            Method = "HEAD",
            FollowRedirects = false,
            Fetcher = FetcherKind.Http,
            // The consent cookie keeps an EU visitor's probe from being redirected to the consent page instead.
            Headers = new Dictionary<string, string> { ["Accept-Language"] = "en-US,en;q=0.9", ["Cookie"] = "SOCS=CAI" },
            HandleStatuses = [301, 302, 303, 307, 308, 404, 410],
        }.WithData(new ShortsProbe(input, video));

    private async IAsyncEnumerable<SpiderOutput> ApiShortsProbe(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var probe = response.Request.GetData<ShortsProbe>();
        Context.Stats.Custom.Increment(StatPrefix + "shorts_probes");
        var isShort = ShortsProbe.IsShort(response.Status, response.Headers["Location"]);
        if (isShort is { } known)
            await Context.State.SetAsync(ShortKey(probe.Video.VideoId), known, cancellationToken).ConfigureAwait(false);
        else
        {
            Context.Stats.Custom.Increment(StatPrefix + "shorts_probe_unclear");
            Logger.LogWarning("{Input}: {Url} answered HTTP {Status}{Location}, neither a Short (200) nor a redirect to /watch; kept the video as not a Short.",
                probe.Input.Label, response.Url, response.Status, response.Headers["Location"] is { } location ? " to " + location : "");
        }
        await foreach (var pair in KeepAsync([probe.Video with { IsShort = isShort ?? false }], probe.Input, null, cancellationToken).ConfigureAwait(false))
            yield return pair;
    }

    /// <summary>
    /// Whether a probe already decided if <paramref name="videoId"/> is a Short: kept in the spider state, so a resumed
    /// job or another worker of a shared crawl does not probe it again.
    /// </summary>
    private async ValueTask<bool?> ShortVerdictAsync(string videoId, CancellationToken cancellationToken) =>
        await Context.State.GetAsync<bool?>(ShortKey(videoId), cancellationToken).ConfigureAwait(false);

    private static string ShortKey(string videoId) => StatPrefix + "short/" + videoId;

    /// <summary>The spider-state key holding when the exhausted Data API quota resets (absent while there is quota).</summary>
    private const string QuotaResetKey = StatPrefix + "api_quota_reset";

    /// <summary>
    /// Whether the Data API quota ran out (in this run, an earlier run of the job or another worker) and has not been
    /// reset since. A positive answer is remembered for this process until the reset.
    /// </summary>
    private async ValueTask<bool> QuotaExhaustedAsync(CancellationToken cancellationToken)
    {
        var now = Context.Time.GetUtcNow();
        if (Interlocked.Read(ref _quotaResetTicks) > now.UtcTicks)
            return true;
        if (await Context.State.GetAsync<DateTimeOffset?>(QuotaResetKey, cancellationToken).ConfigureAwait(false) is not { } reset || reset <= now)
            return false;
        Interlocked.Exchange(ref _quotaResetTicks, reset.UtcTicks);
        return true;
    }

    /// <summary>Data API calls wait for the quota's reset: pending ones (also of a resumed job or another worker) are dropped unsent.</summary>
    public override async ValueTask<string?> DropReasonAsync(Request request, CancellationToken cancellationToken = default)
    {
        if (!request.Api || !Settings.UsesDataApi || !await QuotaExhaustedAsync(cancellationToken).ConfigureAwait(false))
            return null;
        if (Interlocked.Exchange(ref _quotaDropReported, 1) == 0)
            Logger.LogWarning("The YouTube Data API quota of this crawl ran out; pending API calls are dropped unsent until it resets at {Reset:u}.",
                new DateTimeOffset(Interlocked.Read(ref _quotaResetTicks), TimeSpan.Zero));
        return "youtube_api_quota";
    }

    /// <summary>The request's state when the call succeeded (its quota units counted); null, after reporting, when it failed.</summary>
    private async ValueTask<ListingState?> ApiResultAsync(Response response, CancellationToken cancellationToken)
    {
        var state = response.Request.GetData<ListingState>();
        if (response.IsSuccess)
        {
            Interlocked.Add(ref _apiUnits, state.Cost);
            Context.Stats.Custom.Increment(StatPrefix + "api_units", state.Cost);
            return state;
        }
        var error = DataApiError.Parse(response.Status, response.Body.Span);
        if (error.IsQuotaExceeded)
        {
            var reset = DataApiQuota.NextReset(Context.Time.GetUtcNow());
            Interlocked.Exchange(ref _quotaResetTicks, reset.UtcTicks);
            await Context.State.SetAsync(QuotaResetKey, reset, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _quotaReported, 1) == 0)
            {
                Context.Stats.Custom.Increment(StatPrefix + "api_quota_exceeded");
                Logger.LogError(
                    "YouTube Data API quota exceeded ({Reason}, HTTP {Status}) after this crawl spent {Units} units " +
                    "(search.list costs 100 units, channels/playlistItems/videos.list 1; the default quota is 10,000 units a day, reset at midnight Pacific time). " +
                    "No further API calls are made before the reset at {Reset:u}, also by a resumed job or another worker of a shared crawl (the spider state keeps it); " +
                    "what was collected is kept. Run again after the reset, or ask Google for more quota.",
                    error.Reason, error.Status, ApiUnitsSpent, reset);
            }
            return null;
        }
        Context.Stats.Custom.Increment(StatPrefix + "api_errors");
        Logger.LogError("{Input}: the YouTube Data API answered HTTP {Status} {Reason}: {Message}", state.Input.Label, error.Status, error.Reason ?? "", error.Message ?? "(no message)");
        return null;
    }

    // ---------------------------------------------------------------- shared

    /// <summary>
    /// The spider-state counter of the videos kept for <paramref name="input"/>: kept in the job directory or Redis, so
    /// the limit holds across a resumed job and across the workers of a shared crawl.
    /// </summary>
    private static string KeptKey(YouTubeInput input) => StatPrefix + "kept/" + input.Label;

    private async ValueTask<bool> LimitReachedAsync(YouTubeInput input, CancellationToken cancellationToken) =>
        Settings.MaxResultsPerInput > 0 && await Context.State.GetAsync<long>(KeptKey(input), cancellationToken).ConfigureAwait(false) >= Settings.MaxResultsPerInput;

    /// <summary>Applies the filters, the per-input limit and de-duplication, and turns what is left into pairs.</summary>
    private async IAsyncEnumerable<AudioPair> KeepAsync(IEnumerable<VideoEntry> videos, YouTubeInput input, RendererListing? page, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var limited = Settings.MaxResultsPerInput > 0;
        foreach (var found in videos)
        {
            var video = page is not null && found.ChannelName is null
                ? found with { ChannelName = page.PageChannelName, ChannelId = found.ChannelId ?? page.PageChannelId }
                : found;
            if (SkipReason(video, input) is { } reason)
            {
                Context.Stats.Custom.Increment(StatPrefix + "skipped_" + reason);
                continue;
            }
            if (_emitted.ContainsKey(video.VideoId))
            {
                Context.Stats.Custom.Increment(StatPrefix + "duplicate_videos");
                continue;
            }
            if (limited && !await Context.State.TryTakeAsync(KeptKey(input), Settings.MaxResultsPerInput, cancellationToken).ConfigureAwait(false))
                yield break;
            if (!_emitted.TryAdd(video.VideoId, 0))
            {
                if (limited)
                    await Context.State.ReturnAsync(KeptKey(input), cancellationToken).ConfigureAwait(false);
                Context.Stats.Custom.Increment(StatPrefix + "duplicate_videos");
                continue;
            }
            yield return ToPair(video, input);
        }
    }

    private string? SkipReason(VideoEntry video, YouTubeInput input)
    {
        if (string.IsNullOrWhiteSpace(video.Title))
            return "no_title";
        if (video.Shelf is not null && input.Kind == InputKind.Query && !Settings.SearchShelves)
            return "shelf";
        if (video.IsShort && !Settings.IncludeShorts)
            return "shorts";
        if (Settings.SkipLive && video.IsLive)
            return "live";
        if (Settings.SkipLive && video.IsUpcoming)
            return "upcoming";
        if (video.DurationSeconds is { } seconds)
        {
            if (Settings.MinDurationSeconds > 0 && seconds < Settings.MinDurationSeconds)
                return "too_short";
            if (Settings.MaxDurationSeconds > 0 && seconds > Settings.MaxDurationSeconds)
                return "too_long";
        }
        return null;
    }

    private static AudioPair ToPair(VideoEntry video, YouTubeInput input)
    {
        var data = new JsonObject
        {
            ["video_id"] = video.VideoId,
            ["channel"] = video.ChannelName,
            ["channel_id"] = video.ChannelId,
            ["duration_seconds"] = video.DurationSeconds,
            ["view_count"] = video.ViewCount,
            ["published"] = video.PublishedText,
            ["is_short"] = video.IsShort,
            ["found_by"] = new JsonObject { ["kind"] = input.Kind.ToString().ToLowerInvariant(), ["input"] = input.Original },
        };
        if (video.Shelf is not null)
            data["shelf"] = video.Shelf;
        return new AudioPair(video.WatchUrl, YouTubeText.NormalizeTitle(video.Title!))
        {
            Tags = video.ChannelName is { Length: > 0 } channel ? [channel] : [],
            OriginalData = data,
        };
    }
}
