namespace AudioCrawl.Core.Engine;

/// <summary>How the pages of one contract (usually one callback) fared: pages checked, pages that yielded less, up to three of those.</summary>
public sealed record ContractReport(string Callback, long Pages, long Failures, IReadOnlyList<string> Examples)
{
    /// <summary>True when the contract failed on most (more than half) of at least <paramref name="minimumPages"/> pages.</summary>
    public bool FailedOnMost(int minimumPages) => Pages >= minimumPages && Failures * 2 > Pages;
}
