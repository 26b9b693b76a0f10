using System.Collections.Concurrent;
using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Spiders;

namespace Crawler.Core.Tests.Engine;

/// <summary>A sink that keeps what it was given, and can be told to fail.</summary>
public sealed class RecordingSink(int failAfter = int.MaxValue) : IPairSink
{
    private readonly ConcurrentQueue<AudioPair> _pairs = new();

    public string Name => "recording";

    public IReadOnlyList<AudioPair> Pairs => _pairs.ToArray();

    public bool Disposed { get; private set; }

    public int Flushes { get; private set; }

    public Task OpenAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask WriteAsync(AudioPair pair, CancellationToken cancellationToken = default)
    {
        if (_pairs.Count >= failAfter)
            throw new IOException("No space left on device");
        _pairs.Enqueue(pair);
        return ValueTask.CompletedTask;
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        Flushes++;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
