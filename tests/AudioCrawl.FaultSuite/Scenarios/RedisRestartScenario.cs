using AudioCrawl.Testing;

namespace AudioCrawl.FaultSuite.Scenarios;

/// <summary>
/// A shared crawl (two workers, one Redis with an fsynced AOF) through the fault proxy; at a seeded row count
/// Redis is stopped (seeded: SIGTERM or SIGKILL) and started again after a seeded 1–5 s on the same port and
/// data. Both workers must wait it out and finish with exit 0; their parts together must hold every row once.
/// </summary>
public sealed class RedisRestartScenario : IFaultScenario
{
    public string Name => "redis-restart";

    public string Description => "Redis stopped (TERM or KILL) for 1-5 s under a shared crawl of two workers";

    public bool PacksShards => false;

    public async Task<ScenarioOutcome> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var port = RedisProcess.FreePort();
        var data = context.File("redis");
        var redis = await RedisProcess.StartAsync(port, data, cancellationToken).ConfigureAwait(false);
        if (redis is null)
            return ScenarioOutcome.Skip("redis-server is not installed");
        var problems = new List<string>();
        var crawlId = $"faults-{context.Random.Next():x}";
        var parts = new[] { context.File("part-a.csv"), context.File("part-b.csv") };
        var workers = new List<AudioCrawlProcess>();
        try
        {
            foreach (var (part, index) in parts.Select((p, i) => (p, i)))
            {
                workers.Add(context.Start(context.Crawl(part, "--redis", redis.Url, "--crawl-id", crawlId, "--worker-id", $"worker-{index}")));
                await Task.Delay(300, cancellationToken).ConfigureAwait(false);
            }
            var threshold = context.Thresholds(1)[0];
            while (parts.Sum(ScenarioContext.Rows) < threshold && workers.Any(w => !w.HasExited))
                await Task.Delay(context.Random.Next(1, 25), cancellationToken).ConfigureAwait(false);
            var crash = context.Random.Next(2) == 0;
            var downtime = TimeSpan.FromMilliseconds(context.Random.Next(1000, 5000));
            var rows = parts.Sum(ScenarioContext.Rows);
            await redis.StopAsync(crash).ConfigureAwait(false);
            await Task.Delay(downtime, cancellationToken).ConfigureAwait(false);
            await redis.DisposeAsync().ConfigureAwait(false);
            redis = await RedisProcess.StartAsync(port, data, cancellationToken).ConfigureAwait(false);
            context.Log($"Redis {(crash ? "SIGKILL" : "SIGTERM")} at {rows} rows (threshold {threshold}), back after {ScenarioContext.Seconds(downtime)}");
            foreach (var (worker, index) in workers.Select((w, i) => (w, i)))
            {
                var result = await worker.WaitAsync(context.Options.CrawlTimeout).ConfigureAwait(false);
                if (result.ExitCode != 0)
                    problems.Add($"worker-{index} exited with {result.ExitCode}: {ScenarioContext.Tail(result.Error)}");
            }
        }
        finally
        {
            foreach (var worker in workers)
                worker.Dispose();
            if (redis is not null)
                await redis.DisposeAsync().ConfigureAwait(false);
        }
        var together = parts.Where(File.Exists).SelectMany(p => CsvFile.ReadPairs(p)).ToList();
        var twice = together.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
            problems.Add($"{twice.Count} rows written by both workers (or twice by one): {string.Join("; ", twice.Take(5))}");
        var merged = context.File("merged.csv");
        await context.RunToEndAsync(["merge", .. parts.Where(File.Exists), "-o", merged], problems, "merge", cancellationToken).ConfigureAwait(false);
        return new ScenarioOutcome(new CrawlOutput(merged), problems) { Restarts = 1 };
    }
}
