namespace Crawler.Core.Politeness;

/// <summary>A place in a host's slot; disposing it frees the place.</summary>
public sealed class HostLease(SemaphoreSlim gate) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
            gate.Release();
    }
}
