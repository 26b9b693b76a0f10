using System.Text.Json;

namespace Crawler.Abstractions.Spiders;

/// <summary>The typed half of a <see cref="ISpiderState"/> every store shares: values as JSON text under a key.</summary>
public abstract class JsonSpiderState : ISpiderState
{
    public async ValueTask<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var json = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return json is null ? default : JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web);
    }

    public ValueTask SetAsync<T>(string key, T value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return WriteAsync(key, JsonSerializer.Serialize(value, JsonSerializerOptions.Web), cancellationToken);
    }

    public ValueTask<long> IncrementAsync(string key, long by = 1, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return AddAsync(key, by, cancellationToken);
    }

    /// <summary>The JSON text under <paramref name="key"/>, or null.</summary>
    protected abstract ValueTask<string?> ReadAsync(string key, CancellationToken cancellationToken);

    protected abstract ValueTask WriteAsync(string key, string json, CancellationToken cancellationToken);

    /// <summary>Atomically adds <paramref name="by"/> to the integer under <paramref name="key"/> (0 when absent); returns the sum.</summary>
    protected abstract ValueTask<long> AddAsync(string key, long by, CancellationToken cancellationToken);
}
