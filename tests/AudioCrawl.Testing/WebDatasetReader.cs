using System.Formats.Tar;
using System.Globalization;
using System.Text.Json;

namespace AudioCrawl.Testing;

/// <summary>Reads WebDataset shards with tools independent of the writer: GNU tar, Python's tarfile and json, and ffprobe.</summary>
public static class WebDatasetReader
{
    /// <summary>The member names in archive order, as <c>tar -tf</c> lists them.</summary>
    public static async Task<IReadOnlyList<string>> ListWithGnuTarAsync(string shard) =>
        (await ExternalTool.RunAsync("tar", "-tf", shard)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Every sample as Python's tarfile and json modules read it: key, audio bytes count and the parsed JSON.</summary>
    public static async Task<IReadOnlyList<PythonSample>> ReadWithPythonAsync(string shard)
    {
        const string script = """
            import json, sys, tarfile
            samples = {}
            order = []
            with tarfile.open(sys.argv[1]) as tar:
                for member in tar:
                    key, ext = member.name.split('.', 1)
                    data = tar.extractfile(member).read()
                    sample = samples.setdefault(key, {'key': key})
                    if key not in order:
                        order.append(key)
                    if ext == 'json':
                        sample['json'] = json.loads(data.decode('utf-8'))
                    else:
                        sample['audio_ext'] = ext
                        sample['audio_bytes'] = len(data)
            print(json.dumps([samples[k] for k in order]))
            """;
        var output = await ExternalTool.RunAsync("python3", "-c", script, shard);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.EnumerateArray().Select(e => new PythonSample(
            e.GetProperty("key").GetString()!,
            e.TryGetProperty("audio_ext", out var ext) ? ext.GetString() : null,
            e.TryGetProperty("audio_bytes", out var bytes) ? bytes.GetInt64() : 0,
            e.TryGetProperty("json", out var json) ? json.Clone() : default)).ToArray();
    }

    /// <summary>The samples of every shard under <paramref name="folder"/> (splits included), read by <see cref="ReadWithPythonAsync"/>.</summary>
    public static async Task<IReadOnlyList<PythonSample>> ReadAllWithPythonAsync(string folder)
    {
        var samples = new List<PythonSample>();
        foreach (var shard in Directory.EnumerateFiles(folder, "*.tar", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            samples.AddRange(await ReadWithPythonAsync(shard));
        return samples;
    }

    /// <summary>Every sample of the finished shards (<c>*.tar</c>) under the <paramref name="folders"/>: its key and its audio member's bytes, read by .NET's TarReader.</summary>
    public static async Task<IReadOnlyList<(string Key, byte[] Audio)>> ReadAudioAsync(IEnumerable<string> folders, string extension = "flac")
    {
        var samples = new List<(string, byte[])>();
        foreach (var shard in folders.Where(Directory.Exists).SelectMany(folder => Directory.EnumerateFiles(folder, "*.tar", SearchOption.AllDirectories)))
        {
            await using var stream = File.OpenRead(shard);
            await using var reader = new TarReader(stream);
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                if (!entry.Name.EndsWith("." + extension, StringComparison.Ordinal))
                    continue;
                using var bytes = new MemoryStream();
                await entry.DataStream!.CopyToAsync(bytes);
                samples.Add((entry.Name[..^(extension.Length + 1)], bytes.ToArray()));
            }
        }
        return samples;
    }

    /// <summary>ffprobe's view of one audio file: codec, sample rate, channels, duration in seconds.</summary>
    public static async Task<(string Codec, int SampleRate, int Channels, double Duration)> ProbeAsync(string path)
    {
        var output = await ExternalTool.RunAsync("ffprobe", "-v", "error", "-select_streams", "a:0",
            "-show_entries", "stream=codec_name,sample_rate,channels:format=duration", "-of", "json", path);
        using var document = JsonDocument.Parse(output);
        var stream = document.RootElement.GetProperty("streams")[0];
        return (
            stream.GetProperty("codec_name").GetString()!,
            int.Parse(stream.GetProperty("sample_rate").GetString()!, CultureInfo.InvariantCulture),
            stream.GetProperty("channels").GetInt32(),
            double.Parse(document.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture));
    }

    /// <summary>Extracts the shard with GNU tar into <paramref name="folder"/>.</summary>
    public static Task ExtractAsync(string shard, string folder) => ExternalTool.RunAsync("tar", "-xf", shard, "-C", folder);

    public static IReadOnlyDictionary<string, int> ReadSizes(string folder) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(folder, "sizes.json")))!;
}

/// <summary>One sample as Python read it.</summary>
public sealed record PythonSample(string Key, string? AudioExtension, long AudioBytes, JsonElement Json);
