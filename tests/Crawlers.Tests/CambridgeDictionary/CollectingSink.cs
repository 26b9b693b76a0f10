using System.Collections.Concurrent;
using AudioCrawl.Core.Pipeline;
using AudioCrawl.Core.Spiders;

namespace AudioCrawl.Crawlers.Tests.CambridgeDictionary;

/// <summary>Keeps every accepted pair in memory, tags and original data included.</summary>
internal sealed class CollectingSink : IPairSink
{
    private readonly ConcurrentQueue<AudioPair> _pairs = new();

    public string Name => "memory";

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
