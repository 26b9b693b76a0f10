using Sinks.Download;
using Sinks.WebDataset;

namespace Delivery.Tests;

/// <summary>Writes real WebDataset shards (through our writer) of random "audio" for the delivery tests.</summary>
public static class ShardFolder
{
    public static async Task<string> WriteAsync(string folder, int samples, int samplesPerShard, int audioBytes, bool split = false)
    {
        var random = new Random(samples * 31 + audioBytes);
        var writer = new WebDatasetWriter(folder, new WebDatasetOptions { SamplesPerShard = samplesPerShard, Split = split }, TimeProvider.System);
        await writer.OpenAsync(_ => ValueTask.CompletedTask);
        for (var i = 0; i < samples; i++)
        {
            var audio = new byte[audioBytes];
            random.NextBytes(audio);
            var key = SampleKey.Of($"http://127.0.0.1/{i}.mp3", $"sample {i}");
            var json = System.Text.Encoding.UTF8.GetBytes($$"""{"text":"sample {{i}}"}""");
            await writer.WriteAsync(key, "flac", audio, json, new SampleStatus { Key = key, Url = $"http://127.0.0.1/{key}.mp3", Status = "success", Bytes = audioBytes });
        }
        await writer.CompleteAsync();
        await writer.DisposeAsync();
        return folder;
    }

    /// <summary>The keys the folder should become under <paramref name="prefix"/>: every file but .tmp ones.</summary>
    public static HashSet<string> ExpectedKeys(string folder, string prefix) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(p => !p.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(p => prefix + Path.GetRelativePath(folder, p).Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);
}
