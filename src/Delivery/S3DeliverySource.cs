namespace Delivery;

/// <summary>A delivery under an S3 prefix, streamed (a shard is never held whole in memory or on disk).</summary>
public sealed class S3DeliverySource(S3Store store) : IDeliverySource
{
    public string Name => store.Location.ToString();

    public async Task<Stream?> OpenAsync(string relative, CancellationToken cancellationToken = default)
    {
        var key = store.Location.KeyFor(relative);
        var listing = await store.ListAsync(key, cancellationToken).ConfigureAwait(false);
        return listing.ContainsKey(key) ? await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task<IReadOnlyList<string>> ListShardsAsync(CancellationToken cancellationToken = default)
    {
        var listing = await store.ListAsync(store.Location.Prefix, cancellationToken).ConfigureAwait(false);
        return listing.Keys
            .Where(k => k.EndsWith(".tar", StringComparison.Ordinal))
            .Select(k => k[store.Location.Prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
