using System.ComponentModel;
using Crawler.Abstractions.Configuration;

namespace Crawlers.Commons;

public sealed record CommonsSettings : IValidatableSettings
{
    [Description("Categories whose audio files are listed (\"Category:Lingua Libre pronunciation-fra\"; the \"Category:\" prefix may be left out).")]
    public IReadOnlyList<string> Categories { get; init; } = [];

    [Description("Levels of subcategories followed below each category (0: the category itself only).")]
    public int CategoryDepth { get; init; }

    [Description("Full-text searches in the File namespace (CirrusSearch syntax; \"filetype:audio\" is added).")]
    public IReadOnlyList<string> Queries { get; init; } = [];

    [Description("Root of the wiki; the Action API is <baseUrl>w/api.php.")]
    public Uri BaseUrl { get; init; } = new("https://commons.wikimedia.org/");

    [Description("Files per API call (gcmlimit / gsrlimit, at most 500).")]
    public int PageSize { get; init; } = 50;

    [Description("The maxlag parameter sent with every call, in seconds (Wikimedia asks bots for 5): a lagged wiki answers 'maxlag' and the call is repeated after its Retry-After.")]
    public int MaxLag { get; init; } = 5;

    [Description("Times one call is repeated after a maxlag answer before it is given up (counted as commons/maxlag_gave_up).")]
    public int MaxLagRetries { get; init; } = 5;

    public Uri ApiUrl => new(BaseUrl, "w/api.php");

    public IEnumerable<string> Validate()
    {
        if (Categories.Count + Queries.Count == 0)
            yield return "give at least one input: categories or queries (lists; comma-separated with --set)";
        if (CategoryDepth < 0)
            yield return "categoryDepth must be 0 or more";
        if (PageSize is < 1 or > 500)
            yield return "pageSize must be between 1 and 500";
        if (MaxLag < 1)
            yield return "maxLag must be at least 1 second";
        if (MaxLagRetries < 0)
            yield return "maxLagRetries must be 0 or more";
    }
}
