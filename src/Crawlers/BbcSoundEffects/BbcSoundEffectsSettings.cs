using System.ComponentModel;
using Crawler.Abstractions.Configuration;

namespace Crawlers.BbcSoundEffects;

public sealed record BbcSoundEffectsSettings : IValidatableSettings
{
    /// <summary>The search API answers at most this many results per query (from + size), as Elasticsearch's result window.</summary>
    public const int ResultWindow = 10_000;

    [Description("Search queries (free text, as typed in the site's search box). With no queries and no categories the whole catalogue is listed (up to the API's 10,000-result window: split by categories for more).")]
    public IReadOnlyList<string> Queries { get; init; } = [];

    [Description("Categories (as the site names them: Animals, Nature, Transport, …); each is listed on its own, or combined with each query.")]
    public IReadOnlyList<string> Categories { get; init; } = [];

    [Description("Results per search API call (1-100).")]
    public int PageSize { get; init; } = 100;

    [Description("Most sound effects kept per query or category (0 for no limit).")]
    public int MaxResultsPerInput { get; init; }

    [Description("Root of the site's JSON search API (POST api/sfx/search).")]
    public Uri ApiBaseUrl { get; init; } = new("https://sound-effects-api.bbcrewind.co.uk/");

    [Description("Root the audio is served from: mp3/{id}.mp3.")]
    public Uri MediaBaseUrl { get; init; } = new("https://sound-effects-media.bbcrewind.co.uk/");

    public IEnumerable<string> Validate()
    {
        if (PageSize is < 1 or > 100)
            yield return "pageSize must be between 1 and 100";
        if (MaxResultsPerInput < 0)
            yield return "maxResultsPerInput must be 0 (no limit) or more";
        if (!ApiBaseUrl.IsAbsoluteUri || ApiBaseUrl.Scheme is not ("http" or "https"))
            yield return "apiBaseUrl must be an absolute http(s) URL";
        if (!MediaBaseUrl.IsAbsoluteUri || MediaBaseUrl.Scheme is not ("http" or "https"))
            yield return "mediaBaseUrl must be an absolute http(s) URL";
    }
}
