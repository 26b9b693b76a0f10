namespace AudioCrawl.FaultSuite.Proxy;

/// <summary>What the fault proxy does to one request instead of forwarding it faithfully.</summary>
public enum FaultKind
{
    /// <summary>The connection is closed before any response byte (FIN).</summary>
    Drop,

    /// <summary>The connection is reset (RST: linger 0) before any response byte.</summary>
    Reset,

    /// <summary>No response for <see cref="FaultPlan.Stall"/>: longer than the crawler's request timeout.</summary>
    Stall,

    /// <summary>Headers and half the body, then silence for <see cref="FaultPlan.Stall"/>, then the rest.</summary>
    StallBody,

    /// <summary>The whole body, in small pieces with pauses (slow but complete).</summary>
    SlowBody,

    /// <summary>The full Content-Length announced, half the body sent, then the connection is closed.</summary>
    Truncate,

    /// <summary>A 500, 502, 503 or 504 without asking the upstream.</summary>
    ServerError,
}
