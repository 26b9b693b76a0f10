namespace Crawler.Core.Engine;

/// <summary>How one page fared against its contract.</summary>
public enum PageVerdict
{
    /// <summary>It yielded what the contract declares.</summary>
    Met,

    /// <summary>It yielded less, but counted one of the contract's legitimate reasons ("cambridge/no_audio").</summary>
    Excused,

    /// <summary>It yielded less and counted no reason.</summary>
    Failed,
}
