using System.ComponentModel;
using Crawler.Abstractions.Configuration;

namespace Crawlers.YouTube;

public sealed record YouTubeSettings : IValidatableSettings
{
    public const string WebBackend = "web";
    public const string DataApiBackend = "data-api";
    public const string ApiKeyVariable = "YOUTUBE_API_KEY";

    [Description("Search queries (each lists its result videos).")]
    public IReadOnlyList<string> Queries { get; init; } = [];

    [Description("Channels: handles (@name), UC… channel IDs or channel URLs; their videos tab is listed.")]
    public IReadOnlyList<string> Channels { get; init; } = [];

    [Description("Playlists: IDs (PL…, UU…, OL…) or playlist URLs.")]
    public IReadOnlyList<string> Playlists { get; init; } = [];

    [Description("Single videos: 11-character IDs or watch/shorts/youtu.be URLs.")]
    public IReadOnlyList<string> Videos { get; init; } = [];

    [Description("Most videos kept per query, channel or playlist (0 for no limit).")]
    public int MaxResultsPerInput { get; init; } = 200;

    [Description("Root of the YouTube web site (a mirror or the local mock for tests). Output URLs are always https://www.youtube.com/watch?v=<id>.")]
    public Uri BaseUrl { get; init; } = new("https://www.youtube.com/");

    [Description("How videos are listed: 'web' (the YouTube web pages and their youtubei continuations) or 'data-api' (the official YouTube Data API v3, needs an API key).")]
    public string Backend { get; init; } = WebBackend;

    [Description("YouTube Data API v3 key for backend 'data-api'; when empty, the YOUTUBE_API_KEY environment variable. Never logged.")]
    public string? ApiKey { get; init; }

    [Description("Root of the YouTube Data API v3.")]
    public Uri ApiBaseUrl { get; init; } = new("https://www.googleapis.com/youtube/v3/");

    [Description("Skip videos shorter than this many seconds (0 for no minimum). Videos of unknown length are kept.")]
    public int MinDurationSeconds { get; init; }

    [Description("Skip videos longer than this many seconds (0 for no maximum). Videos of unknown length are kept.")]
    public int MaxDurationSeconds { get; init; }

    [Description("Skip live streams that are on air now and scheduled (upcoming) ones.")]
    public bool SkipLive { get; init; } = true;

    [Description("Keep YouTube Shorts (web backend: also lists a channel's Shorts tab; data-api: when false, each video of 3 minutes or less is checked with a HEAD of <baseUrl>/shorts/<id>).")]
    public bool IncludeShorts { get; init; }

    [Description("Search for videos only (leaves out channels, playlists and shelves of other kinds).")]
    public bool SearchVideosOnly { get; init; } = true;

    [Description("Web search: also keep the videos of the shelves YouTube mixes into the results ('People also watched', 'For you', Shorts shelves…), tagged with the shelf title in original_data. By default only the query's results are kept.")]
    public bool SearchShelves { get; init; }

    /// <summary>The key in force: the setting, else the environment variable.</summary>
    public string? EffectiveApiKey(Func<string, string?>? environment = null)
    {
        if (!string.IsNullOrWhiteSpace(ApiKey))
            return ApiKey.Trim();
        var fromEnvironment = (environment ?? Environment.GetEnvironmentVariable)(ApiKeyVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment.Trim();
    }

    public bool UsesDataApi => Backend == DataApiBackend;

    public IEnumerable<string> Validate()
    {
        if (Backend is not (WebBackend or DataApiBackend))
            yield return $"backend must be '{WebBackend}' or '{DataApiBackend}', not '{Backend}'";
        if (Queries.Count + Channels.Count + Playlists.Count + Videos.Count == 0)
            yield return "give at least one input: queries, channels, playlists or videos (lists; comma-separated with --set)";
        if (MaxResultsPerInput < 0)
            yield return "maxResultsPerInput must be 0 (no limit) or more";
        if (MinDurationSeconds < 0 || MaxDurationSeconds < 0)
            yield return "minDurationSeconds and maxDurationSeconds must be 0 (no limit) or more";
        if (MaxDurationSeconds > 0 && MinDurationSeconds > MaxDurationSeconds)
            yield return "minDurationSeconds is more than maxDurationSeconds: nothing could pass";
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
            yield return "baseUrl must be an absolute http(s) URL";
        if (!ApiBaseUrl.IsAbsoluteUri || ApiBaseUrl.Scheme is not ("http" or "https"))
            yield return "apiBaseUrl must be an absolute http(s) URL";
        if (UsesDataApi && EffectiveApiKey() is null)
            yield return $"backend '{DataApiBackend}' needs an API key: set apiKey, or the {ApiKeyVariable} environment variable (create a key at https://console.cloud.google.com/apis/credentials)";
    }
}
