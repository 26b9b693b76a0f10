using System.ComponentModel;
using Crawler.Abstractions.Configuration;

namespace Crawlers.Freesound;

public sealed record FreesoundSettings : IValidatableSettings
{
    public const string ApiKeyVariable = "FREESOUND_API_KEY";
    public const string DescriptionText = "description";
    public const string NameText = "name";

    /// <summary>The previews APIv2 lists; originals need OAuth2 and are not fetched.</summary>
    public static readonly IReadOnlyList<string> Previews = ["preview-hq-mp3", "preview-hq-ogg", "preview-lq-mp3", "preview-lq-ogg"];

    [Description("Text searches (APIv2 search/text 'query'); each is listed over all its pages. An empty string lists every sound (with a filter).")]
    public IReadOnlyList<string> Queries { get; init; } = [];

    [Description("A filter applied to every query, in Freesound's Solr syntax: tag:rain license:\"Creative Commons 0\" duration:[1 TO 30] …")]
    public string Filter { get; init; } = "";

    [Description("Result order: score, duration_desc, duration_asc, created_desc, created_asc, downloads_desc, downloads_asc, rating_desc, rating_asc.")]
    public string Sort { get; init; } = "score";

    [Description("Root of the Freesound site; the API is <baseUrl>apiv2/.")]
    public Uri BaseUrl { get; init; } = new("https://freesound.org/");

    [Description("Freesound API key (https://freesound.org/apiv2/apply); when empty, the FREESOUND_API_KEY environment variable. Sent as 'Authorization: Token …', never logged.")]
    public string? ApiKey { get; init; }

    [Description("Sounds per page (page_size, at most 150).")]
    public int PageSize { get; init; } = 150;

    [Description("The audio of a pair: preview-hq-mp3 (default), preview-hq-ogg, preview-lq-mp3 or preview-lq-ogg. Original files need OAuth2 and are out of scope.")]
    public string Preview { get; init; } = "preview-hq-mp3";

    [Description("The text of a pair: 'description' (the sound's description, or its name when it has none) or 'name'.")]
    public string Text { get; init; } = DescriptionText;

    public string? EffectiveApiKey(Func<string, string?>? environment = null) => Crawlers.ApiKey.Resolve(ApiKey, ApiKeyVariable, environment);

    public Uri SearchUrl => new(BaseUrl, "apiv2/search/text/");

    /// <summary>
    /// Why the crawl cannot start without a key, or null. Asked when the crawl starts rather than by <c>check</c>, so a
    /// crawlers.json entry is valid on a machine that has no key yet.
    /// </summary>
    public string? MissingKeyProblem() => EffectiveApiKey() is null ? $"the Freesound API needs a key: set apiKey, or the {ApiKeyVariable} environment variable (apply at https://freesound.org/apiv2/apply)" : null;

    public IEnumerable<string> Validate()
    {
        if (Queries.Count == 0)
            yield return "give at least one query (a list, comma-separated with --set)";
        if (PageSize is < 1 or > 150)
            yield return "pageSize must be between 1 and 150";
        if (!Previews.Contains(Preview))
            yield return $"preview must be one of {string.Join(", ", Previews)}, not '{Preview}' (originals need OAuth2 and are not supported)";
        if (Text is not (DescriptionText or NameText))
            yield return $"text must be '{DescriptionText}' or '{NameText}', not '{Text}'";
    }
}
