using System.Collections.Concurrent;

namespace Crawler.Abstractions.Stats;

/// <summary>
/// How long each host took to answer (one attempt, from sending to the whole body, after the host slot was won):
/// cumulative counts per latency bucket, so any interval's summary is the difference of two snapshots.
/// </summary>
public sealed class HostLatencies
{
    /// <summary>Upper bounds of the buckets, in seconds; a last, open bucket holds the rest.</summary>
    public static readonly IReadOnlyList<double> BucketBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<string, Cell> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raised after every recorded latency (the metrics' histogram listens here, so both see the same values).</summary>
    public event Action<string, TimeSpan>? Recorded;

    public void Record(string host, TimeSpan latency)
    {
        var seconds = Math.Max(0, latency.TotalSeconds);
        _hosts.GetOrAdd(host, static _ => new Cell()).Add(seconds);
        Recorded?.Invoke(host, latency);
    }

    /// <summary>Every host's counts so far.</summary>
    public IReadOnlyDictionary<string, LatencyHistogram> Snapshot() =>
        new SortedDictionary<string, LatencyHistogram>(_hosts.ToDictionary(p => p.Key, p => p.Value.Read()), StringComparer.OrdinalIgnoreCase);

    private sealed class Cell
    {
        private readonly Lock _lock = new();
        private readonly long[] _buckets = new long[BucketBounds.Count + 1];
        private long _count;
        private double _sum;
        private double _max;

        public void Add(double seconds)
        {
            var bucket = 0;
            while (bucket < BucketBounds.Count && seconds > BucketBounds[bucket])
                bucket++;
            lock (_lock)
            {
                _buckets[bucket]++;
                _count++;
                _sum += seconds;
                _max = Math.Max(_max, seconds);
            }
        }

        public LatencyHistogram Read()
        {
            lock (_lock)
                return new LatencyHistogram(_count, _sum, _max, [.. _buckets]);
        }
    }
}
