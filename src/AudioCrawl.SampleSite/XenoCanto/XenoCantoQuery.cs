using System.Text.RegularExpressions;

namespace AudioCrawl.SampleSite.XenoCanto;

/// <summary>
/// The search tags the mock understands (sp, gen, en, grp, cnt, q, type), parsed as API v3 does: every term is a
/// <c>tag:value</c> or <c>tag:"quoted value"</c>; an untagged term or an unknown tag is an error.
/// </summary>
public static partial class XenoCantoQuery
{
    private static readonly string[] Tags = ["sp", "gen", "en", "grp", "cnt", "q", "type"];

    public static bool TryParse(string query, out IReadOnlyList<(string Tag, string Value)> terms, out string? problem)
    {
        var parsed = new List<(string, string)>();
        terms = parsed;
        problem = null;
        var rest = query.Trim();
        foreach (Match match in Term().Matches(rest))
        {
            var tag = match.Groups["tag"].Value.ToLowerInvariant();
            if (!Tags.Contains(tag))
            {
                problem = $"Unknown search tag '{tag}'.";
                return false;
            }
            parsed.Add((tag, match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["bare"].Value));
        }
        var leftover = Term().Replace(rest, "").Trim();
        if (leftover.Length > 0 || parsed.Count == 0)
        {
            problem = $"Search terms must use search tags (for example sp:\"Turdus merula\"); found '{(leftover.Length > 0 ? leftover : query)}'.";
            return false;
        }
        return true;
    }

    public static bool Matches(XenoCantoRecording recording, IReadOnlyList<(string Tag, string Value)> terms) => terms.All(term => term.Tag switch
    {
        "sp" => recording.ScientificName.Equals(term.Value, StringComparison.OrdinalIgnoreCase) || recording.Species.Equals(term.Value, StringComparison.OrdinalIgnoreCase),
        "gen" => recording.Genus.Equals(term.Value, StringComparison.OrdinalIgnoreCase),
        "en" => recording.English.Contains(term.Value, StringComparison.OrdinalIgnoreCase),
        "grp" => recording.Group.Equals(term.Value, StringComparison.OrdinalIgnoreCase),
        "cnt" => recording.Country.StartsWith(term.Value, StringComparison.OrdinalIgnoreCase),
        "q" => recording.Quality.Equals(term.Value, StringComparison.OrdinalIgnoreCase),
        _ => recording.Type.Contains(term.Value, StringComparison.OrdinalIgnoreCase),
    });

    [GeneratedRegex("(?<tag>[a-z]+):(?:\"(?<quoted>[^\"]*)\"|(?<bare>[^\\s\"]+))", RegexOptions.IgnoreCase)]
    private static partial Regex Term();
}
