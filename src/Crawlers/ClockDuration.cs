using System.Globalization;

namespace Crawlers;

/// <summary>Durations as sources write them: <c>HH:MM:SS</c>, <c>MM:SS</c> or a number of seconds (<c>itunes:duration</c>, archive.org's <c>length</c>).</summary>
public static class ClockDuration
{
    /// <summary>Whole seconds (rounded), or null when the text is not a duration.</summary>
    public static int? ParseSeconds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var seconds = 0.0;
        foreach (var part in text.Trim().Split(':'))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
                return null;
            seconds = seconds * 60 + value;
        }
        return (int)Math.Round(seconds);
    }
}
