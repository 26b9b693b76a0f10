using System.Reflection;
using System.Text.Json;
using Sinks.WebDataset;

namespace Delivery;

/// <summary>Builds <c>manifest.json</c> from a shard folder (one folder, or <c>train/</c> + <c>test/</c>), reading every shard back.</summary>
public sealed class ManifestBuilder(TimeProvider time)
{
    public static string ToolVersion =>
        (Assembly.GetEntryAssembly() ?? typeof(ManifestBuilder).Assembly).GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>Whether <paramref name="folder"/> holds WebDataset shards (directly or in split folders).</summary>
    public static bool HasShards(string folder) => ShardFolders(folder).Any(f => Directory.EnumerateFiles(Path.Combine(folder, f), "*.tar").Any());

    public async Task<DeliveryManifest> BuildAsync(string folder, JsonElement? stats, CancellationToken cancellationToken = default)
    {
        var shards = new List<ManifestShard>();
        var sizes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var split = new List<string>();
        foreach (var sub in ShardFolders(folder))
        {
            var directory = Path.Combine(folder, sub);
            if (sub != ".")
                split.Add(sub);
            var sizesPath = Path.Combine(directory, SizesFile.FileName);
            if (File.Exists(sizesPath))
            {
                var counts = JsonSerializer.Deserialize(await File.ReadAllTextAsync(sizesPath, cancellationToken).ConfigureAwait(false), DeliveryJsonContext.Default.DictionaryStringInt32)
                    ?? throw new DeliveryException($"{sizesPath}: not a sizes.json object.");
                sizes[sub] = counts.Values.Sum(v => (long)v);
            }
            foreach (var path in Directory.EnumerateFiles(directory, "*.tar").Order(StringComparer.Ordinal))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                var inspection = await ShardInspector.InspectAsync(stream, cancellationToken).ConfigureAwait(false);
                if (inspection.Problems.Count > 0)
                    throw new DeliveryException($"{path}: {inspection.Problems[0]}; it is not delivered.");
                var relative = sub == "." ? Path.GetFileName(path) : sub + "/" + Path.GetFileName(path);
                shards.Add(new ManifestShard { Path = relative, Samples = inspection.Samples, Bytes = inspection.Bytes, Sha256 = inspection.Sha256 });
            }
        }
        return new DeliveryManifest
        {
            ToolVersion = ToolVersion,
            Created = time.GetUtcNow(),
            Split = split,
            Shards = shards,
            Sizes = sizes,
            TotalSamples = shards.Sum(s => (long)s.Samples),
            TotalBytes = shards.Sum(s => s.Bytes),
            Stats = stats,
        };
    }

    /// <summary>
    /// Writes the manifest into <paramref name="folder"/> (atomically) and returns its path. A manifest there already
    /// that differs only in its creation time is kept, so a re-run of an unchanged delivery uploads nothing.
    /// </summary>
    public static async Task<string> WriteAsync(string folder, DeliveryManifest manifest, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(folder, DeliveryManifest.FileName);
        if (File.Exists(path))
        {
            var existing = JsonSerializer.Deserialize(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), DeliveryJsonContext.Default.DeliveryManifest);
            if (existing is not null && Serialize(existing with { Created = manifest.Created }) == Serialize(manifest))
                return path;
        }
        await File.WriteAllTextAsync(path + ".tmp", Serialize(manifest), cancellationToken).ConfigureAwait(false);
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    private static string Serialize(DeliveryManifest manifest) => JsonSerializer.Serialize(manifest, DeliveryJsonContext.Default.DeliveryManifest);

    public static DeliveryManifest Parse(string json, string where)
    {
        try
        {
            return JsonSerializer.Deserialize(json, DeliveryJsonContext.Default.DeliveryManifest) ?? throw new DeliveryException($"{where}: the manifest is empty.");
        }
        catch (JsonException ex)
        {
            throw new DeliveryException($"{where}: the manifest is not valid JSON ({ex.Message}).", ex);
        }
    }

    private static IEnumerable<string> ShardFolders(string folder)
    {
        var split = new[] { WebDatasetWriter.TrainFolder, WebDatasetWriter.TestFolder }.Where(f => Directory.Exists(Path.Combine(folder, f))).ToList();
        return split.Count > 0 ? split : ["."];
    }
}
