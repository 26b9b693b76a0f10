using System.Collections.Concurrent;
using Crawler.Abstractions.Spiders;
using Crawler.Abstractions.Stats;
using Microsoft.Extensions.Logging;

namespace Crawler.Core.Engine;

/// <summary>
/// Checks every page against its <see cref="PageContract"/>: counts the pages of each contract
/// (<c>contract/&lt;spider&gt;/&lt;name&gt;/pages</c>), those that yielded less (<c>contract/&lt;spider&gt;/&lt;name&gt;</c>)
/// and those that yielded less but counted a reason (<c>…/excused</c>), and warns once per contract, with up to three
/// example URLs, when <c>contractWarnAfter</c> pages in a row failed or most of at least that many did, or when not
/// one of twice that many met the contract (at the end: of that many). Lock-free on the path of a page that meets its contract.
/// </summary>
public sealed class ContractMonitor(string spider, int warnAfter, CrawlStats stats, ILogger logger)
{
    private const int MaxExamples = 3;
    private readonly ConcurrentDictionary<string, Tracker> _trackers = new(StringComparer.Ordinal);

    public void Record(PageContract contract, Uri page, PageVerdict verdict)
    {
        var tracker = _trackers.GetOrAdd(contract.Name, static (name, state) => new Tracker($"contract/{state.spider}/{name}", state.contract), (spider, contract));
        var pages = Interlocked.Increment(ref tracker.Pages);
        stats.Custom.Increment(tracker.PagesCounter);
        long inARow = 0;
        switch (verdict)
        {
            case PageVerdict.Met:
                Interlocked.Increment(ref tracker.Met);
                if (Volatile.Read(ref tracker.InARow) != 0)
                    Volatile.Write(ref tracker.InARow, 0);
                return;
            case PageVerdict.Excused:
                Interlocked.Increment(ref tracker.Excused);
                stats.Custom.Increment(tracker.ExcusedCounter);
                tracker.ExcusedExamples.Add(page);
                break;
            default:
                Interlocked.Increment(ref tracker.Failures);
                inARow = Interlocked.Increment(ref tracker.InARow);
                stats.Custom.Increment(tracker.FailuresCounter);
                tracker.Examples.Add(page);
                break;
        }
        if (pages < warnAfter && inARow < warnAfter)
            return;
        var report = tracker.Report(contract.Name);
        // A few first pages that all only counted a reason prove little while the crawl runs: wait for twice as many.
        var failingMost = report.Pages >= warnAfter && report.Failures * 2 > report.Pages;
        var neverMet = report.Pages >= 2 * warnAfter && report.Met == 0;
        if (inARow >= warnAfter || failingMost || neverMet)
            Warn(tracker, contract, report, inARow >= warnAfter ? inARow : 0);
    }

    /// <summary>The reports of every contract checked; warns now about those that look broken and were not warned about yet.</summary>
    public IReadOnlyList<ContractReport> Finish()
    {
        var reports = new List<ContractReport>();
        foreach (var (name, tracker) in _trackers.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var report = tracker.Report(name);
            if (report.LooksBroken(warnAfter))
                Warn(tracker, tracker.Contract, report, 0);
            reports.Add(report);
        }
        return reports;
    }

    private void Warn(Tracker tracker, PageContract contract, ContractReport report, long inARow)
    {
        if (Interlocked.Exchange(ref tracker.Warned, 1) != 0)
            return;
        var examples = report.Examples.Count > 0 ? report.Examples : report.ExcusedExamples;
        logger.LogWarning(
            "Spider {Spider}: {Problem}{InARow}; its contract: {Expected}. For example {Examples}. The site looks changed; check the spider's selectors.",
            spider, report.Describe(), inARow > 0 ? $" ({inARow} in a row)" : "", Describe(contract), string.Join(", ", examples));
    }

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

    private sealed class Tracker(string failuresCounter, PageContract contract)
    {
        public long Pages;
        public long Met;
        public long Failures;
        public long Excused;
        public long InARow;
        public int Warned;

        public PageContract Contract => contract;

        public string FailuresCounter { get; } = failuresCounter;

        public string PagesCounter { get; } = failuresCounter + "/pages";

        public string ExcusedCounter { get; } = failuresCounter + "/excused";

        public ExampleList Examples { get; } = new();

        public ExampleList ExcusedExamples { get; } = new();

        public ContractReport Report(string name)
        {
            var pages = Interlocked.Read(ref Pages);
            var failures = Interlocked.Read(ref Failures);
            var excused = Math.Min(Interlocked.Read(ref Excused), pages - failures);
            return new ContractReport(name, pages, failures, excused, Examples.ToArray(), ExcusedExamples.ToArray());
        }
    }

    /// <summary>The first few URLs added; taking the lock only while it still has room.</summary>
    private sealed class ExampleList
    {
        private readonly List<string> _urls = new(MaxExamples);
        private volatile int _count;

        public void Add(Uri page)
        {
            if (_count >= MaxExamples)
                return;
            lock (_urls)
            {
                if (_urls.Count < MaxExamples)
                    _urls.Add(page.AbsoluteUri);
                _count = _urls.Count;
            }
        }

        public string[] ToArray()
        {
            lock (_urls)
                return [.. _urls];
        }
    }
}
