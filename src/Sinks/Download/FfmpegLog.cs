using System.Globalization;
using System.Text.RegularExpressions;

namespace Sinks.Download;

/// <summary>
/// Reads ffmpeg's own log (at the default <c>info</c> level) for what a probe would say: each input's format,
/// duration and first audio stream, and which input a failed run could not open. One process instead of
/// ffprobe + ffmpeg.
/// </summary>
public static partial class FfmpegLog
{
    /// <summary>The inputs the log describes, by input index.</summary>
    public static IReadOnlyDictionary<int, FfmpegInput> Inputs(IEnumerable<string> lines)
    {
        var inputs = new Dictionary<int, FfmpegInput>();
        int? current = null;
        foreach (var line in lines)
        {
            if (InputHeader().Match(line) is { Success: true } header)
            {
                current = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
                inputs[current.Value] = new FfmpegInput(current.Value, header.Groups[2].Value, null, null, null, null);
            }
            else if (line.StartsWith("Output #", StringComparison.Ordinal) || line.StartsWith("Stream mapping:", StringComparison.Ordinal))
            {
                current = null;
            }
            else if (current is { } index && DurationLine().Match(line) is { Success: true } duration)
            {
                inputs[index] = inputs[index] with { DurationSeconds = ParseDuration(duration.Groups[1].Value) };
            }
            else if (current is not null && AudioStream().Match(line) is { Success: true } stream
                && int.Parse(stream.Groups[1].Value, CultureInfo.InvariantCulture) is var owner && inputs.TryGetValue(owner, out var input)
                && input.Codec is null)
            {
                inputs[owner] = ReadStream(input, stream.Groups[2].Value);
            }
        }
        return inputs;
    }

    /// <summary>
    /// The index of the input a failed run names as the one it could not open or map (<c>{path}: Invalid data ...</c>,
    /// <c>Stream map '2:a:0' matches no streams</c>), with the log line; null when the log blames none of them.
    /// </summary>
    public static (int Index, string Message)? FailedInput(IReadOnlyList<string> lines, IReadOnlyList<string> inputPaths)
    {
        foreach (var line in lines)
        {
            if (line.StartsWith("Input #", StringComparison.Ordinal))
                continue;
            if (UnmappedStream().Match(line) is { Success: true } map)
                return (int.Parse(map.Groups[1].Value, CultureInfo.InvariantCulture), "it has no audio stream (" + line.Trim() + ")");
            for (var i = 0; i < inputPaths.Count; i++)
            {
                if (line.StartsWith(inputPaths[i] + ":", StringComparison.Ordinal))
                    return (i, line[(inputPaths[i].Length + 1)..].Trim());
                if (line.Contains("input file " + inputPaths[i], StringComparison.Ordinal) || line.Contains("input file '" + inputPaths[i] + "'", StringComparison.Ordinal))
                    return (i, line.Trim());
            }
        }
        return null;
    }

    /// <summary>The line where ffmpeg says the disk is full: its outputs are then cut short, which is no fault of the inputs.</summary>
    public static string? NoSpaceLeft(IReadOnlyList<string> lines) =>
        lines.FirstOrDefault(line => line.Contains("No space left on device", StringComparison.Ordinal))?.Trim();

    /// <summary>The last lines that look like an error, for a rejection message.</summary>
    public static string LastError(IReadOnlyList<string> lines) =>
        lines.LastOrDefault(l => l.Length > 0 && !l.StartsWith("size=", StringComparison.Ordinal) && !l.StartsWith(' ') && !l.StartsWith("video:", StringComparison.Ordinal))?.Trim()
        ?? "no message";

    private static FfmpegInput ReadStream(FfmpegInput input, string description)
    {
        // "mp3, 44100 Hz, stereo, fltp, 128 kb/s" or "aac (LC) (mp4a / 0x6134706D), 44100 Hz, 5.1, fltp"
        var parts = description.Split(", ", StringSplitOptions.TrimEntries);
        var codec = parts[0].Split(' ', 2)[0];
        int? rate = null, channels = null;
        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i].EndsWith(" Hz", StringComparison.Ordinal) && int.TryParse(parts[i][..^3], NumberStyles.None, CultureInfo.InvariantCulture, out var hz))
            {
                rate = hz;
                if (i + 1 < parts.Length)
                    channels = ChannelCount(parts[i + 1]);
                break;
            }
        }
        return input with { Codec = codec, SampleRate = rate, Channels = channels };
    }

    private static int? ChannelCount(string layout)
    {
        if (layout.EndsWith(" channels", StringComparison.Ordinal) && int.TryParse(layout.Split(' ')[0], CultureInfo.InvariantCulture, out var count))
            return count;
        var name = layout.Split('(')[0];
        return name switch
        {
            "mono" => 1,
            "stereo" or "downmix" => 2,
            "2.1" or "3.0" or "3.0(back)" => 3,
            "quad" or "4.0" or "3.1" => 4,
            "5.0" or "4.1" => 5,
            "5.1" or "6.0" or "hexagonal" => 6,
            "6.1" or "7.0" => 7,
            "7.1" or "octagonal" => 8,
            _ => null,
        };
    }

    private static double? ParseDuration(string value) =>
        TimeSpan.TryParseExact(value, @"hh\:mm\:ss\.FFFFFF", CultureInfo.InvariantCulture, out var time) && time > TimeSpan.Zero ? time.TotalSeconds : null;

    [GeneratedRegex(@"^Input #(\d+), ([^,]+(?:,[^,']+)*?), from '")]
    private static partial Regex InputHeader();

    [GeneratedRegex(@"^\s+Duration: (\d+:\d\d:\d\d\.\d+)")]
    private static partial Regex DurationLine();

    [GeneratedRegex(@"^\s+Stream #(\d+):\d+\S*: Audio: (.+)$")]
    private static partial Regex AudioStream();

    [GeneratedRegex(@"Stream map '(\d+):a(?::\d+)?' matches no streams")]
    private static partial Regex UnmappedStream();
}
