namespace Crawler.Core.Engine;

/// <summary>
/// Why a crawl that ran looks like it found nothing (the site probably changed): it fetched pages but its spider yielded
/// no pair, or the contracts in <see cref="FailedContracts"/> failed on most of their pages or were met on none.
/// With <c>allowEmpty</c> the verdict is still reported but the outcome stays finished.
/// </summary>
public sealed record FoundNothing(long PagesFetched, bool NoPairs, IReadOnlyList<ContractReport> FailedContracts)
{
    public string Message
    {
        get
        {
            var parts = new List<string>();
            if (NoPairs)
                parts.Add($"fetched {PagesFetched} pages but yielded no pair");
            parts.AddRange(FailedContracts.Select(c => c.Describe()));
            return string.Join("; ", parts);
        }
    }
}
