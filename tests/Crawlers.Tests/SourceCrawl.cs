using System.Text.Json;
using AudioCrawl.Testing;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Crawlers.Commons;

namespace Crawlers.Tests;

/// <summary>
/// Runs one of the API source spiders through the real planner, engine and fetcher against a local mock,
/// collecting pairs, log lines and failures.jsonl, so tests can check what reached each of them.
/// </summary>
public sealed class SourceCrawl : IDisposable
{
    private static readonly SpiderRegistry Registry = new([typeof(CommonsSpider).Assembly]);
    private readonly TempDirectory _temp = new();

    private SourceCrawl()
    {
    }

    public CrawlResult Result { get; private set; } = null!;

    public IReadOnlyList<AudioPair> Pairs { get; private set; } = [];

    public CapturedLogs Logs { get; } = new();

    public string FailuresJsonl { get; private set; } = "";

    public IReadOnlyList<(string Url, string Text)> UrlsAndTexts => Pairs.Select(p => (p.Url.AbsoluteUri, p.Text)).ToArray();

    /// <summary>Everything the crawl wrote or said: log lines, failures.jsonl and the stats as JSON.</summary>
    public string EverythingRecorded => string.Join("\n", Logs.Text, FailuresJsonl, JsonSerializer.Serialize(Result.Stats));

    public long Custom(string name) => Result.Stats.Counters.GetValueOrDefault(name);

    public static async Task<SourceCrawl> RunAsync(string spider, params (string Key, string Value)[] settings)
    {
        var crawl = new SourceCrawl();
        var overrides = settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)).ToList();
        foreach (var (key, value) in new[] { ("delay", "0"), ("retryDelay", "0") })
        {
            if (overrides.All(o => o.Key != key))
                overrides.Add(new(key, value));
        }
        var plan = new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan(spider, overrides);
        var sink = new CollectingSink();
        var path = crawl._temp.File(FailureLog.FileName);
        await using (var failures = new FailureLog(path, TimeProvider.System))
            crawl.Result = await TestCrawl.RunAsync(plan, [sink], host => host.AddFailureLog(failures), crawl.Logs);
        crawl.Pairs = sink.Pairs;
        crawl.FailuresJsonl = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        return crawl;
    }

    public void Dispose() => _temp.Dispose();
}
