namespace Delivery;

/// <summary>A delivery in a local folder.</summary>
public sealed class LocalDeliverySource(string folder) : IDeliverySource
{
    public string Name => folder;

    public Task<Stream?> OpenAsync(string relative, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(folder, relative);
        Stream? stream = File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true) : null;
        return Task.FromResult(stream);
    }

    public Task<IReadOnlyList<string>> ListShardsAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> shards = Directory.EnumerateFiles(folder, "*.tar", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(shards);
    }
}
