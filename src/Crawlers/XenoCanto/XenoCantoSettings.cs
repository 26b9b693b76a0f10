using System.ComponentModel;
using Crawler.Abstractions.Configuration;

namespace Crawlers.XenoCanto;

public sealed record XenoCantoSettings : IValidatableSettings
{
    public const string ApiKeyVariable = "XENO_CANTO_API_KEY";

    /// <summary>The placeholders <see cref="TextTemplate"/> may use.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["en", "scientific", "gen", "sp", "ssp", "type", "grp", "cnt", "loc", "rec", "q", "id"];

    [Description("Searches in xeno-canto's tag syntax, each listed over all its pages: sp:\"Turdus merula\", gen:Turdus, grp:grasshoppers, cnt:Netherlands, q:A, type:song … (combine with spaces).")]
    public IReadOnlyList<string> Queries { get; init; } = [];

    [Description("Root of the xeno-canto site; the API is <baseUrl>api/3/recordings.")]
    public Uri BaseUrl { get; init; } = new("https://xeno-canto.org/");

    [Description("xeno-canto API key (from your account page); when empty, the XENO_CANTO_API_KEY environment variable. API v3 takes it as the query parameter key=, which is added when a call is sent and never logged, stored or recorded.")]
    public string? ApiKey { get; init; }

    [Description("Recordings per API page (50 to 500).")]
    public int PerPage { get; init; } = 100;

    [Description("The text of a pair; placeholders: {en} (English name), {scientific} (genus species), {gen}, {sp}, {ssp}, {type} (sound type), {grp}, {cnt}, {loc}, {rec}, {q}, {id}.")]
    public string TextTemplate { get; init; } = "{en} ({scientific}), {type}";

    public string? EffectiveApiKey(Func<string, string?>? environment = null) => Crawlers.ApiKey.Resolve(ApiKey, ApiKeyVariable, environment);

    public Uri ApiUrl => new(BaseUrl, "api/3/recordings");

    /// <summary>
    /// Why the crawl cannot start without a key, or null. Asked when the crawl starts rather than by <c>check</c>, so a
    /// crawlers.json entry is valid on a machine that has no key yet.
    /// </summary>
    public string? MissingKeyProblem() => EffectiveApiKey() is null ? $"the xeno-canto API needs a key: set apiKey, or the {ApiKeyVariable} environment variable (see https://xeno-canto.org/explore/api)" : null;

    public IEnumerable<string> Validate()
    {
        if (Queries.All(string.IsNullOrWhiteSpace))
            yield return "give at least one query (sp:\"Turdus merula\", grp:grasshoppers …; a list, comma-separated with --set)";
        if (PerPage is < 50 or > 500)
            yield return "perPage must be between 50 and 500";
        foreach (var name in TemplateText.PlaceholdersIn(TextTemplate).Where(n => !Placeholders.Contains(n)))
            yield return $"textTemplate: unknown placeholder {{{name}}}; known: {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))}";
    }
}
