using System.Globalization;

namespace Sinks.Download;

/// <summary>A start and/or end offset in seconds, as LAION's YouTube tool takes per row.</summary>
public sealed record AudioSegment(double? Start, double? End)
{
    /// <summary>Reads <c>start</c>/<c>end</c> values; null when both are empty; an error naming the value when one is not a number.</summary>
    public static AudioSegment? Parse(string? start, string? end)
    {
        var from = ParseSeconds(start, "start");
        var to = ParseSeconds(end, "end");
        if (from is null && to is null)
            return null;
        if (from is { } a && to is { } b && b <= a)
            throw new FormatException($"the segment end {b} s is not after its start {a} s.");
        return new AudioSegment(from, to);
    }

    /// <summary>Seconds to keep after <see cref="Start"/>, when there is an end.</summary>
    public double? Length => End is { } end ? end - (Start ?? 0) : null;

    private static double? ParseSeconds(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || !double.IsFinite(seconds))
            throw new FormatException($"the segment {name} '{value}' is not a number of seconds.");
        return seconds;
    }
}
