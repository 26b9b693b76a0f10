using System.Text;
using System.Text.Json;

namespace Crawler.Core.Storage;

/// <summary>
/// Reads a file of JSON lines that is appended a whole line at a time (see <see cref="RecordFile"/>). Only its last
/// line may be unreadable without harm: a process killed while writing it leaves it cut short, and the next append
/// cuts it off. An unreadable line before the last one was damaged after it was written; the caller decides whether
/// that is an error (<see cref="JsonLines{T}.ThrowIfDamaged"/>) or a line to skip with a warning.
/// </summary>
public static class JsonLinesFile
{
    /// <summary>Every readable record of <paramref name="path"/>, and which lines before the last one were not.</summary>
    public static async Task<JsonLines<T>> ReadAsync<T>(string path, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
        where T : class
    {
        var records = new List<T>();
        var damaged = new List<DamagedLine>();
        DamagedLine? unreadable = null;
        var number = 0;
        // Shared for writing: a running crawl may be appending meanwhile.
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (unreadable is { } earlier)
                damaged.Add(earlier); // a line follows it, so it was not the last one
            unreadable = null;
            try
            {
                records.Add(JsonSerializer.Deserialize<T>(line, options) ?? throw new JsonException("the line is null"));
            }
            catch (JsonException ex)
            {
                unreadable = new DamagedLine(number, ex.Message);
            }
        }
        return new JsonLines<T>(records, damaged, TornLastLine: unreadable is not null);
    }

    /// <summary>
    /// For <c>--rebuild-job</c>: when <paramref name="path"/> has damaged lines, moves it into <paramref name="aside"/>
    /// (made by <paramref name="folder"/> on first use) and writes its readable lines back in its place, whole,
    /// through a rename. Returns how many lines were left out.
    /// </summary>
    public static async Task<int> SalvageAsync(string path, Func<string> folder, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            return 0;
        var kept = new StringBuilder();
        var dropped = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (IsJsonObject(line))
                kept.Append(line).Append('\n');
            else
                dropped++;
        }
        if (dropped == 0)
            return 0;
        var aside = folder();
        File.Move(path, Path.Combine(aside, Path.GetFileName(path)));
        await File.WriteAllTextAsync(path + ".tmp", kept.ToString(), cancellationToken).ConfigureAwait(false);
        File.Move(path + ".tmp", path);
        return dropped;
    }

    private static bool IsJsonObject(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
