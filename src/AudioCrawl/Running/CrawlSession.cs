using AudioCrawl.Browser;
using AudioCrawl.Core.Engine;
using AudioCrawl.Core.Pipeline;
using AudioCrawl.Core.Scheduling;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Cli.Running;

/// <summary>One crawl as the CLI runs it: signals, progress, the summary, --stats, and the exit code.</summary>
public sealed class CrawlSession(CliEnvironment environment, ILoggerFactory loggers)
{
    /// <param name="job">The job directory to keep the state in, or null for a crawl held in memory.</param>
    public async Task<int> RunAsync(CrawlPlan plan, IReadOnlyList<IPairSink> sinks, IReadOnlyList<string> outputs, string? statsPath, JobDirectory? job = null)
    {
        using var stop = new StopSignal(environment);
        var runner = new CrawlRunner(loggers, environment.Time, settings => new BrowserFetcher(BrowserFetcherOptions.From(settings), loggers.CreateLogger("browser")));
        await using var ownedFrontier = job is null ? new InMemoryFrontier() : null;
        IFrontier frontier = job?.Frontier ?? (IFrontier)ownedFrontier!;
        using var progressDone = new CancellationTokenSource();
        var progress = new ProgressReporter(environment, runner.Stats, () => frontier.CountAsync(), TimeSpan.FromSeconds(plan.Engine.LogInterval));
        var progressTask = progress.RunAsync($"crawling {plan.Name}", progressDone.Token);

        CrawlResult result;
        try
        {
            result = await runner.RunAsync(
                plan,
                sinks,
                frontier,
                pairKeys: job?.PairKeys,
                onStarted: engine => stop.Hard.Register(engine.Abort),
                failures: job?.Failures,
                stopToken: stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await progressDone.CancelAsync().ConfigureAwait(false);
            await progressTask.ConfigureAwait(false);
        }

        await environment.Out.WriteAsync(StatsSummary.Format(plan.Name, result, outputs)).ConfigureAwait(false);
        if (statsPath is not null)
            await StatsSummary.WriteJsonAsync(statsPath, plan.Name, result).ConfigureAwait(false);
        if (result.Outcome == CrawlOutcome.Failed)
            await environment.Error.WriteLineAsync($"error: the crawl failed: {result.FailureMessage}").ConfigureAwait(false);
        return result.Outcome == CrawlOutcome.Failed ? ExitCodes.CrawlFailed : ExitCodes.Success;
    }
}
