using System.Text;
using System.Text.Json;
using Crawler.Abstractions.Stats;
using Crawler.Core.Configuration;
using Crawler.Core.Storage;

namespace Crawler.Core.Metrics;

/// <summary>
/// A crawl's time series on disk: one <see cref="TimelinePoint"/> per line, appended and flushed one line at a time,
/// so a killed process loses at most the line it was writing. Reading ignores a torn last line; opening for append
/// cuts it off first. When the file reaches its line limit, neighbouring points are merged in pairs (the file is
/// rewritten beside itself and moved over it) and the caller is told to double its interval, so a run of any length
/// keeps at most that many lines at an even spacing.
/// </summary>
public sealed class TimelineFile : IAsyncDisposable
{
    /// <summary>The file's name in a job directory.</summary>
    public const string FileName = "timeline.jsonl";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private readonly string _path;
    private readonly int _maxLines;
    private FileStream _stream;
    private int _lines;

    private TimelineFile(string path, int maxLines, FileStream stream, int lines)
    {
        _path = path;
        _maxLines = maxLines;
        _stream = stream;
        _lines = lines;
    }

    public string Path => _path;

    /// <summary>The lines in the file now.</summary>
    public int Lines => _lines;

    /// <summary>True when the next <see cref="AppendAsync"/> reaches the line limit and merges the points in pairs.</summary>
    public bool NextAppendDownsamples => _lines + 1 >= _maxLines;

    /// <summary>The time series kept beside another file of the run (the <c>--stats</c> file, a scheduled run's CSV): <c>stats.json</c> → <c>stats.timeline.jsonl</c>.</summary>
    public static string Beside(string file) => System.IO.Path.ChangeExtension(file, ".timeline.jsonl");

    /// <summary>Opens <paramref name="path"/> for appending (a resumed job adds to what is there), cutting off a torn last line.</summary>
    public static async Task<TimelineFile> OpenAsync(string path, int maxLines = 2000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 4);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, useAsync: true);
        try
        {
            var (lines, end) = await CountCompleteLinesAsync(stream, cancellationToken).ConfigureAwait(false);
            stream.SetLength(end);
            stream.Seek(end, SeekOrigin.Begin);
            return new TimelineFile(path, maxLines, stream, lines);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Appends one point; true when the file was downsampled (the writer should double its interval).</summary>
    public async Task<bool> AppendAsync(TimelinePoint point, CancellationToken cancellationToken = default)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(point, Json);
        await _stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        await _stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _lines++;
        if (_lines < _maxLines)
            return false;
        await DownsampleAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Every readable point of <paramref name="path"/> (see <see cref="ReadLinesAsync"/>).</summary>
    public static async Task<IReadOnlyList<TimelinePoint>> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        (await ReadLinesAsync(path, cancellationToken).ConfigureAwait(false)).Records;

    /// <summary>
    /// The points of <paramref name="path"/>, and its damaged lines. A torn last line is left out (the process died
    /// writing it); a damaged line before it is left out too and named, for a warning: the time series is a report
    /// aid that no resume reads, so a lost point costs a gap in a chart, never a lost or repeated pair.
    /// </summary>
    public static async Task<JsonLines<TimelinePoint>> ReadLinesAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            return await JsonLinesFile.ReadAsync<TimelinePoint>(path, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw new ConfigurationException($"{path}: no such time series file.");
        }
    }

    /// <summary>Merges neighbours in pairs: the later point's totals, the two intervals added, their latencies merged.</summary>
    public static IReadOnlyList<TimelinePoint> Downsample(IReadOnlyList<TimelinePoint> points)
    {
        var merged = new List<TimelinePoint>((points.Count + 1) / 2);
        for (var i = 0; i + 1 < points.Count; i += 2)
            merged.Add(Merge(points[i], points[i + 1]));
        if (points.Count % 2 == 1)
            merged.Add(points[^1]);
        return merged;
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private static TimelinePoint Merge(TimelinePoint earlier, TimelinePoint later)
    {
        var latency = new SortedDictionary<string, LatencySummary>(StringComparer.OrdinalIgnoreCase);
        foreach (var (host, summary) in earlier.LatencyByHost.Concat(later.LatencyByHost))
            latency[host] = latency.TryGetValue(host, out var seen) ? seen.Merge(summary) : summary;
        return later with { IntervalSeconds = Math.Round(earlier.IntervalSeconds + later.IntervalSeconds, 3), LatencyByHost = latency };
    }

    private async Task DownsampleAsync(CancellationToken cancellationToken)
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        var points = Downsample(await ReadAsync(_path, cancellationToken).ConfigureAwait(false));
        var temporary = _path + ".tmp";
        var text = new StringBuilder();
        foreach (var point in points)
            text.Append(JsonSerializer.Serialize(point, Json)).Append('\n');
        await File.WriteAllTextAsync(temporary, text.ToString(), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, _path, overwrite: true);
        _stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        _lines = points.Count;
    }

    private static async Task<(int Lines, long End)> CountCompleteLinesAsync(FileStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var lines = 0;
        long end = 0;
        long position = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == (byte)'\n')
                {
                    lines++;
                    end = position + i + 1;
                }
            }
            position += read;
        }
        return (lines, end);
    }
}
