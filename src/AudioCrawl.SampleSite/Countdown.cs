namespace AudioCrawl.SampleSite;

/// <summary>A thread-safe count of answers a mock still gives a fault (429, maxlag …) before it answers normally.</summary>
public sealed class Countdown
{
    private int _left;

    public int Left
    {
        get => Volatile.Read(ref _left);
        set => Volatile.Write(ref _left, value);
    }

    /// <summary>True, one fewer left, while any are left.</summary>
    public bool Take()
    {
        while (true)
        {
            var left = Volatile.Read(ref _left);
            if (left <= 0)
                return false;
            if (Interlocked.CompareExchange(ref _left, left - 1, left) == left)
                return true;
        }
    }
}
