using Crawler.Abstractions.Spiders;

namespace Crawler.Abstractions.Pipeline;

/// <summary>
/// Where accepted pairs go. Opened before the first request (so a bad output path fails early), written from a
/// single consumer, flushed after each batch, disposed at the end or on cancellation. A pair is acknowledged
/// once <see cref="FlushAsync"/> returned after its <see cref="WriteAsync"/>.
/// </summary>
public interface IPairSink : IAsyncDisposable
{
    /// <summary>A short name for messages ("csv pairs.csv").</summary>
    string Name { get; }

    Task OpenAsync(CancellationToken cancellationToken = default);

    ValueTask WriteAsync(AudioPair pair, CancellationToken cancellationToken = default);

    ValueTask FlushAsync(CancellationToken cancellationToken = default);
}
