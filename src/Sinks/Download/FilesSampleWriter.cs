using System.Text.Json;

namespace Sinks.Download;

/// <summary>
/// Loose files: <c>{key}.flac</c> and <c>{key}.json</c> side by side. The audio is written first, then the JSON under
/// a temporary name renamed into place, so a sample with a JSON file (and its audio, in <paramref name="extension"/>)
/// is complete; audio without its JSON is what a killed run left, and is written again by the next.
/// A null <paramref name="extension"/> accepts any audio suffix, as samples stored as downloaded have (mp3, ogg, ...).
/// </summary>
public sealed class FilesSampleWriter(string folder, string? extension = "flac") : ISampleWriter
{
    private Func<IReadOnlyList<SampleStatus>, ValueTask>? _committed;

    public string Name => $"files {folder}";

    public Task<IReadOnlySet<string>> OpenAsync(Func<IReadOnlyList<SampleStatus>, ValueTask> committed, CancellationToken cancellationToken = default)
    {
        _committed = committed;
        Directory.CreateDirectory(folder);
        foreach (var leftover in Directory.EnumerateFiles(folder, "*.tmp"))
            File.Delete(leftover);
        var withJson = new HashSet<string>(StringComparer.Ordinal);
        var withAudio = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(path);
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0)
                continue;
            var (key, suffix) = (name[..dot], name[(dot + 1)..]);
            if (suffix == "json")
                withJson.Add(key);
            else if (extension is null ? !suffix.Contains('.', StringComparison.Ordinal) : suffix == extension)
                withAudio.Add(key);
        }
        withJson.IntersectWith(withAudio);
        withJson.RemoveWhere(key => !SampleKey.IsValid(key));
        return Task.FromResult<IReadOnlySet<string>>(withJson);
    }

    public async ValueTask WriteAsync(EncodedSample sample, CancellationToken cancellationToken = default)
    {
        var audio = Path.Combine(folder, $"{sample.Key}.{sample.Extension}");
        var json = Path.Combine(folder, sample.Key + ".json");
        cancellationToken.ThrowIfCancellationRequested();
        if (sample.AudioFile is { } file)
            File.Move(file, audio, overwrite: true);
        else
            Write(audio, sample.Audio);
        Write(json + ".tmp", JsonSerializer.SerializeToUtf8Bytes(sample.Json));
        File.Move(json + ".tmp", json, overwrite: true);
        var status = sample.Status.Copy();
        status.Shard = Path.GetFileName(audio);
        await _committed!([status]).ConfigureAwait(false);
    }

    /// <summary>
    /// A small file written by one synchronous write on a plain handle. The async file API on Linux runs the same
    /// write on the thread pool; at thousands of files a second those hand-offs cost more than the writes (with
    /// the journal written the same way: 3,772 samples stored in 1.44 s instead of 1.79 s, median of 3, on tmpfs).
    /// </summary>
    private static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None);
        RandomAccess.Write(handle, bytes, 0);
    }

    public void NoteFailure(SampleStatus status)
    {
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
