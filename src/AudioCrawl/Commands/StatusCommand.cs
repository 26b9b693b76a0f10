using System.CommandLine;
using System.Globalization;
using System.Text;
using Crawler.Core.Configuration;
using Crawler.Redis;

namespace AudioCrawl.Commands;

/// <summary>`audiocrawl status`: the shared queue and the counters of every worker of a crawl, added up.</summary>
public static class StatusCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var redis = new Option<string>("--redis") { Description = "The crawl's Redis (redis://host:6379).", Required = true };
        var crawlId = new Option<string>("--crawl-id") { Description = "The shared crawl's name.", Required = true };
        var command = new Command("status", "Show a shared crawl's progress, added up across its workers.") { redis, crawlId };
        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            var id = parse.GetValue(crawlId)!;
            new RedisCrawlOptions { CrawlId = id }.Validate();
            await using var connection = await RedisConnector.ConnectAsync(parse.GetValue(redis)!).ConfigureAwait(false);
            var state = await RedisCrawlState.ReadAsync(connection, id).ConfigureAwait(false);
            var workers = await new RedisStatsBoard(connection, id, environment.Time).ReadAsync().ConfigureAwait(false);
            if (workers.Count == 0 && !state.Seeded && state.Pending == 0)
                throw new ConfigurationException($"No crawl named '{id}' in {parse.GetValue(redis)}.");
            await environment.Out.WriteAsync(Format(id, state, workers)).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Format(string id, RedisCrawlState state, IReadOnlyList<WorkerStats> workers)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var phase = state.Drained ? "drained" : state.Seeded ? "crawling" : "seeding";
        text.AppendLine(c, $"crawl {id}: {phase}; {state.Pending} pending, {state.Leased} leased, {state.LiveWorkers} live workers, {state.Reclaimed} requests re-queued from dead workers");
        text.AppendLine(c, $"{"worker",-28} {"state",-12} {"requests",10} {"responses",10} {"items",10} {"errors",8} {"pages/s",8}");
        foreach (var worker in workers)
        {
            var s = worker.Stats;
            text.AppendLine(c, $"{worker.WorkerId,-28} {worker.State,-12} {s.Requests,10} {s.Responses,10} {s.Items,10} {s.ErrorsByKind.Values.Sum(),8} {s.PagesPerSecond,8:0.0}");
        }
        var total = workers.Select(worker => worker.Stats).ToList();
        text.AppendLine(c, $"{"total",-28} {"",-12} {total.Sum(s => s.Requests),10} {total.Sum(s => s.Responses),10} {total.Sum(s => s.Items),10} {total.Sum(s => s.ErrorsByKind.Values.Sum()),8} {total.Sum(s => s.PagesPerSecond),8:0.0}");
        foreach (var (kind, count) in total.SelectMany(s => s.ErrorsByKind).GroupBy(e => e.Key).Select(g => (g.Key, g.Sum(e => e.Value))).OrderByDescending(e => e.Item2))
            text.AppendLine(c, $"  errors {kind}: {count}");
        return text.ToString();
    }
}
