namespace AudioCrawl.FaultSuite.Scenarios;

/// <summary>
/// A crawl with a job directory through the fault proxy, frozen with SIGSTOP for a seeded 0.3–3 s and thawed
/// with SIGCONT at seeded row counts (its timers and connections see the jump), then SIGKILLed while frozen and
/// resumed.
/// </summary>
public sealed class StopScenario : IFaultScenario
{
    public string Name => "stop";

    public string Description => "SIGSTOP/SIGCONT at seeded points, then SIGKILL while stopped and resume";

    public bool PacksShards => false;

    public async Task<ScenarioOutcome> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var csv = context.File("pairs.csv");
        var arguments = context.Crawl(csv, "--job-dir", context.File("job"));
        var problems = new List<string>();
        var thresholds = context.Thresholds(4);
        var stops = 0;
        var kills = 0;
        using (var crawler = context.Start(arguments))
        {
            foreach (var (threshold, index) in thresholds.Select((t, i) => (t, i)))
            {
                if (!await context.WaitForRowsAsync(crawler, () => ScenarioContext.Rows(csv), threshold, cancellationToken).ConfigureAwait(false))
                    break;
                await crawler.SignalAsync("STOP").ConfigureAwait(false);
                stops++;
                var frozen = TimeSpan.FromMilliseconds(context.Random.Next(300, 3000));
                await Task.Delay(frozen, cancellationToken).ConfigureAwait(false);
                if (index == thresholds.Count - 1)
                {
                    await crawler.SignalAsync("KILL").ConfigureAwait(false);
                    await crawler.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                    kills++;
                    context.Log($"SIGSTOP at {threshold}+ rows, SIGKILL while stopped {ScenarioContext.Seconds(frozen)} later");
                    break;
                }
                await crawler.SignalAsync("CONT").ConfigureAwait(false);
                context.Log($"SIGSTOP at {threshold}+ rows for {ScenarioContext.Seconds(frozen)}, SIGCONT");
            }
            if (kills == 0)
            {
                var result = await crawler.WaitAsync(context.Options.CrawlTimeout).ConfigureAwait(false);
                if (result.ExitCode != 0)
                    problems.Add($"the stopped and continued crawl exited with {result.ExitCode}: {ScenarioContext.Tail(result.Error)}");
            }
        }
        if (kills > 0)
            await context.RunToEndAsync(arguments, problems, "the resume", cancellationToken).ConfigureAwait(false);
        return new ScenarioOutcome(new CrawlOutput(csv), problems) { Stops = stops, Kills = kills };
    }
}
