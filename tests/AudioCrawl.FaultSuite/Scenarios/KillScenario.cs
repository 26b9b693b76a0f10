namespace AudioCrawl.FaultSuite.Scenarios;

/// <summary>
/// A crawl with a job directory, through the fault proxy, SIGKILLed at seeded points (the first a short seeded
/// time after start, often before any row; the others at seeded row counts) and resumed with the same command
/// each time; with <c>--webdataset</c> when <see cref="PacksShards"/>.
/// </summary>
public sealed class KillScenario(bool packShards) : IFaultScenario
{
    public string Name => packShards ? "kill-shards" : "kill";

    public string Description => packShards
        ? "SIGKILL at seeded points and resume, packing WebDataset shards"
        : "SIGKILL at seeded points and resume from the job directory";

    public bool PacksShards => packShards;

    public async Task<ScenarioOutcome> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var csv = context.File("pairs.csv");
        var shards = packShards ? context.File("shards") : null;
        string[] arguments = context.Crawl(csv, ["--job-dir", context.File("job"), .. shards is null ? [] : ScenarioContext.PackInto(shards)]);
        var problems = new List<string>();
        var kills = 0;
        var early = TimeSpan.FromMilliseconds(context.Random.Next(200, 2000));
        foreach (var threshold in context.Thresholds(context.Options.Kills - 1).Prepend(0))
        {
            using var crawler = context.Start(arguments);
            if (threshold == 0)
                await Task.Delay(early, cancellationToken).ConfigureAwait(false);
            if (!await context.WaitForRowsAsync(crawler, () => ScenarioContext.Rows(csv), threshold, cancellationToken).ConfigureAwait(false))
            {
                context.Log($"the crawl ended before {threshold} rows");
                break;
            }
            await crawler.SignalAsync("KILL").ConfigureAwait(false);
            await crawler.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            kills++;
            context.Log(threshold == 0
                ? $"SIGKILL {ScenarioContext.Seconds(early)} after start, {ScenarioContext.Rows(csv)} rows"
                : $"SIGKILL at {ScenarioContext.Rows(csv)} rows (threshold {threshold})");
        }
        if (await context.RunToEndAsync(arguments, problems, "the last resume", cancellationToken).ConfigureAwait(false) && shards is not null)
            await context.CompleteShardsAsync(csv, shards, problems, cancellationToken).ConfigureAwait(false);
        return new ScenarioOutcome(new CrawlOutput(csv, shards), problems) { Kills = kills };
    }
}
