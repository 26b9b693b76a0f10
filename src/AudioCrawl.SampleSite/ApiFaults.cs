namespace AudioCrawl.SampleSite;

/// <summary>Faults an API mock gives on demand: 429 Too Many Requests (Retry-After: 1), and pages cut short (invalid JSON).</summary>
public sealed class ApiFaults
{
    public Countdown Throttled { get; } = new();

    /// <summary>Page numbers whose answer is cut short.</summary>
    public ISet<int> MalformedPages { get; } = new HashSet<int>();
}
