using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Crawler.Abstractions.Stats;

/// <summary>Named counters that many tasks increment at once without locks.</summary>
public sealed class CounterSet
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counters = new(StringComparer.Ordinal);
    private readonly AsyncLocal<CounterWatch?> _watch = new();

    public void Increment(string name, long by = 1)
    {
        Interlocked.Add(ref _counters.GetOrAdd(name, static _ => new StrongBox<long>()).Value, by);
        _watch.Value?.Saw(name);
    }

    /// <summary>Reports the increments made from the current async flow (and the flows it starts) to <paramref name="watch"/>.</summary>
    public void WatchCurrentFlow(CounterWatch watch) => _watch.Value = watch;

    public long this[string name] => _counters.TryGetValue(name, out var box) ? Interlocked.Read(ref box.Value) : 0;

    public long Total => _counters.Values.Sum(box => Interlocked.Read(ref box.Value));

    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(_counters.ToDictionary(p => p.Key, p => Interlocked.Read(ref p.Value.Value)), StringComparer.Ordinal);
}
