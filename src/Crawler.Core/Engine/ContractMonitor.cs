using System.Collections.Concurrent;
using AudioCrawl.Core.Spiders;
using AudioCrawl.Core.Stats;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Core.Engine;

/// <summary>
/// Checks every page against its <see cref="PageContract"/>: counts the pages of each contract
/// (<c>contract/&lt;spider&gt;/&lt;name&gt;/pages</c>) and those that yielded less (<c>contract/&lt;spider&gt;/&lt;name&gt;</c>),
/// and warns once per contract, with up to three example URLs, when <c>contractWarnAfter</c> pages in a row failed or
/// most of at least that many did. Lock-free on the path of a page that meets its contract.
/// </summary>
public sealed class ContractMonitor(string spider, int warnAfter, CrawlStats stats, ILogger logger)
{
    private const int MaxExamples = 3;
    private readonly ConcurrentDictionary<string, Tracker> _trackers = new(StringComparer.Ordinal);

    public int WarnAfter => warnAfter;

    public void Record(PageContract contract, Uri page, bool met)
    {
        var tracker = _trackers.GetOrAdd(contract.Name, static (name, owner) => new Tracker($"contract/{owner}/{name}"), spider);
        var pages = Interlocked.Increment(ref tracker.Pages);
        stats.Custom.Increment(tracker.PagesCounter);
        if (met)
        {
            if (Volatile.Read(ref tracker.InARow) != 0)
                Volatile.Write(ref tracker.InARow, 0);
            return;
        }
        var failures = Interlocked.Increment(ref tracker.Failures);
        var inARow = Interlocked.Increment(ref tracker.InARow);
        stats.Custom.Increment(tracker.FailuresCounter);
        tracker.AddExample(page, MaxExamples);
        if ((inARow >= warnAfter || (pages >= warnAfter && failures * 2 > pages)) && Interlocked.Exchange(ref tracker.Warned, 1) == 0)
        {
            logger.LogWarning(
                "Spider {Spider}: {Callback} yielded less than its contract ({Expected}) on {Failures} of {Pages} pages{InARow}, for example {Examples}. The site looks changed; check the spider's selectors.",
                spider, contract.Name, Describe(contract), failures, pages, inARow >= warnAfter ? $" ({inARow} in a row)" : "", string.Join(", ", tracker.Examples()));
        }
    }

    public IReadOnlyList<ContractReport> Reports() =>
        [.. _trackers.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ContractReport(p.Key, Interlocked.Read(ref p.Value.Pages), Interlocked.Read(ref p.Value.Failures), p.Value.Examples()))];

    private static string Describe(PageContract contract)
    {
        var parts = new List<string>();
        if (contract.Requests > 0)
            parts.Add($"at least {contract.Requests} request{(contract.Requests == 1 ? "" : "s")}");
        if (contract.Pairs > 0)
            parts.Add($"at least {contract.Pairs} pair{(contract.Pairs == 1 ? "" : "s")}");
        var expected = parts.Count == 0 ? "anything" : string.Join(" and ", parts);
        return contract.OrCounted.Count == 0 ? expected : $"{expected}, or a count of {string.Join(" or ", contract.OrCounted)}";
    }

    private sealed class Tracker(string failuresCounter)
    {
        public long Pages;
        public long Failures;
        public long InARow;
        public int Warned;
        private readonly List<string> _examples = new(MaxExamples);

        public string FailuresCounter { get; } = failuresCounter;

        public string PagesCounter { get; } = failuresCounter + "/pages";

        private volatile int _exampleCount;

        public void AddExample(Uri page, int max)
        {
            if (_exampleCount >= max)
                return;
            lock (_examples)
            {
                if (_examples.Count < max)
                    _examples.Add(page.AbsoluteUri);
                _exampleCount = _examples.Count;
            }
        }

        public string[] Examples()
        {
            lock (_examples)
                return [.. _examples];
        }
    }
}
