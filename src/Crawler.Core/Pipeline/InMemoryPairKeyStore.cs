namespace Crawler.Core.Pipeline;

public sealed class InMemoryPairKeyStore : IPairKeyStore
{
    private readonly Lock _gate = new();
    private readonly HashSet<PairKey> _keys = [];

    public ValueTask<bool> TryAddAsync(PairKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return ValueTask.FromResult(_keys.Add(key));
    }
}
