using System.Text.Json;

namespace Sinks.WebDataset;

/// <summary><c>sizes.json</c>: shard file name → number of samples, one per shard folder, replaced atomically.</summary>
public static class SizesFile
{
    public const string FileName = "sizes.json";

    public static async Task WriteAsync(string folder, IReadOnlyDictionary<string, int> sizes, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(folder, FileName);
        var sorted = new SortedDictionary<string, int>(sizes.ToDictionary(), StringComparer.Ordinal);
        await File.WriteAllTextAsync(path + ".tmp", JsonSerializer.Serialize(sorted, WebDatasetJsonContext.Default.SortedDictionaryStringInt32), cancellationToken).ConfigureAwait(false);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
