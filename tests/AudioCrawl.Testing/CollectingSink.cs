using System.Collections.Concurrent;
using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Spiders;

namespace AudioCrawl.Testing;

/// <summary>A sink that keeps the pairs it was given, in arrival order.</summary>
public sealed class CollectingSink : IPairSink
{
    private readonly ConcurrentQueue<AudioPair> _pairs = new();

    public string Name => "collecting";

    public IReadOnlyList<AudioPair> Pairs => _pairs.ToArray();

    public Task OpenAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask WriteAsync(AudioPair pair, CancellationToken cancellationToken = default)
    {
        _pairs.Enqueue(pair);
        return ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
