using Crawler.Abstractions;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;

namespace AudioCrawl.Running;

/// <summary>One crawl as the CLI runs it: signals, progress, the summary, --stats, and the exit code.</summary>
public sealed class CrawlSession(CliEnvironment environment)
{
    /// <param name="host">The crawl's host, with every feature the command added (sinks, job directory, Redis, ...).</param>
    /// <param name="onAbort">Called on a second Ctrl+C, to abandon work a sink still has in flight.</param>
    public async Task<int> RunAsync(CrawlPlan plan, CrawlHostBuilder host, IReadOnlyList<string> outputs, string? statsPath, Action? onAbort = null)
    {
        using var stop = new StopSignal(environment);
        await using var abortRegistration = onAbort is null ? default : stop.Hard.Register(onAbort);
        await using var crawl = host.Build();
        var stats = crawl.Stats;
        var frontier = crawl.Frontier;
        using var progressDone = new CancellationTokenSource();
        var progress = new ProgressReporter(environment, stats, () => frontier.CountAsync(), TimeSpan.FromSeconds(plan.Engine.LogInterval));
        var progressTask = progress.RunAsync($"crawling {plan.Name}", progressDone.Token);

        CrawlResult result;
        try
        {
            result = await crawl.RunAsync(plan, engine => stop.Hard.Register(engine.Abort), stop.Token).ConfigureAwait(false);
        }
        catch (CrawlerException ex) when (ex is not ConfigurationException && stats.RequestsSent > 0)
        {
            // Not bad usage (exit 2 means nothing was fetched): the crawl failed at run time.
            await environment.Error.WriteLineAsync($"error: the crawl failed after {stats.RequestsSent} requests: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.CrawlFailed;
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
        else if (result.Outcome == CrawlOutcome.Empty)
            await environment.Error.WriteLineAsync(StatsSummary.FoundNothingError(result)).ConfigureAwait(false);
        return ExitCodes.Of(result.Outcome);
    }
}
