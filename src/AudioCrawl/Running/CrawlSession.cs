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
    /// <param name="onAbort">Called on a second Ctrl+C, to abandon work a sink still has in flight.</param>
    /// <param name="shared">This worker's part in a crawl shared through Redis, or null for a crawl of its own.</param>
    public async Task<int> RunAsync(CrawlPlan plan, IReadOnlyList<IPairSink> sinks, IReadOnlyList<string> outputs, string? statsPath, JobDirectory? job = null, Action? onAbort = null, SharedCrawl? shared = null)
    {
        using var stop = new StopSignal(environment);
        await using var abortRegistration = onAbort is null ? default : stop.Hard.Register(onAbort);
        var runner = new CrawlRunner(loggers, environment.Time, settings => new BrowserFetcher(BrowserFetcherOptions.From(settings), loggers.CreateLogger("browser")));
        await using var ownedFrontier = job is null && shared is null ? new InMemoryFrontier() : null;
        IFrontier frontier = shared?.Frontier ?? job?.Frontier ?? (IFrontier)ownedFrontier!;
        using var progressDone = new CancellationTokenSource();
        var progress = new ProgressReporter(environment, runner.Stats, () => frontier.CountAsync(), TimeSpan.FromSeconds(plan.Engine.LogInterval));
        var progressTask = progress.RunAsync($"crawling {plan.Name}", progressDone.Token);
        var publishTask = shared?.PublishStatsAsync(() => runner.Stats.Snapshot(), progressDone.Token) ?? Task.CompletedTask;

        CrawlResult result;
        try
        {
            result = await runner.RunAsync(
                plan,
                sinks,
                frontier,
                pairKeys: (IPairKeyStore?)shared?.PairKeys ?? job?.PairKeys,
                fetcher: shared?.Fetcher,
                onStarted: engine => stop.Hard.Register(engine.Abort),
                failures: job?.Failures,
                stopToken: stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await progressDone.CancelAsync().ConfigureAwait(false);
            await progressTask.ConfigureAwait(false);
            await publishTask.ConfigureAwait(false);
        }
        if (shared is not null)
            await shared.Board.PublishAsync(shared.Options.WorkerId, result.FinishReason, result.Stats).ConfigureAwait(false);

        await environment.Out.WriteAsync(StatsSummary.Format(plan.Name, result, outputs)).ConfigureAwait(false);
        if (statsPath is not null)
            await StatsSummary.WriteJsonAsync(statsPath, plan.Name, result).ConfigureAwait(false);
        if (result.Outcome == CrawlOutcome.Failed)
            await environment.Error.WriteLineAsync($"error: the crawl failed: {result.FailureMessage}").ConfigureAwait(false);
        else if (result.Outcome == CrawlOutcome.Empty)
            await environment.Error.WriteLineAsync(StatsSummary.FoundNothingError(result)).ConfigureAwait(false);
        return ExitCodes.Of(result.Outcome);
    }
}
