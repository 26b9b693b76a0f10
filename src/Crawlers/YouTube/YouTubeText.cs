using System.Globalization;
using System.Text.RegularExpressions;

namespace Crawlers.YouTube;

/// <summary>Reads the numbers YouTube shows as text: "1:02:03", "1,234 views", "1.2M views", "No views".</summary>
public static partial class YouTubeText
{
    /// <summary>Seconds of a clock duration ("4:13", "1:02:03") or an ISO 8601 duration ("PT4M13S"); null when neither.</summary>
    public static int? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim();
        if (text.StartsWith('P'))
        {
            try
            {
                return (int)System.Xml.XmlConvert.ToTimeSpan(text).TotalSeconds;
            }
            catch (FormatException)
            {
                return null;
            }
        }
        var parts = text.Split(':');
        if (parts.Length is < 1 or > 3)
            return null;
        var seconds = 0;
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return null;
            seconds = seconds * 60 + value;
        }
        return seconds;
    }

    /// <summary>The count in "1,234,567 views", "1.2M views", "12K watching", "No views"; null when there is no number.</summary>
    public static long? ParseCount(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (text.Trim().StartsWith("No ", StringComparison.OrdinalIgnoreCase))
            return 0;
        var match = Count().Match(text);
        if (!match.Success)
            return null;
        var number = double.Parse(match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
        var multiplier = match.Groups["suffix"].Value.ToUpperInvariant() switch
        {
            "K" => 1e3,
            "M" => 1e6,
            "B" => 1e9,
            _ => 1,
        };
        return (long)Math.Round(number * multiplier);
    }

    /// <summary>Collapses every run of whitespace (newlines included) to one space and trims.</summary>
    public static string NormalizeTitle(string title) =>
        string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"(?<number>\d[\d,]*(?:\.\d+)?)\s*(?<suffix>[KMB](?![a-z]))?", RegexOptions.IgnoreCase)]
    private static partial Regex Count();
}
