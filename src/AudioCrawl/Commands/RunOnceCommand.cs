using System.CommandLine;
using AudioCrawl.Running;
using Crawler.Core.Engine;
using Crawler.Core.Runs;

namespace AudioCrawl.Commands;

/// <summary><c>audiocrawl run-once</c>: one incremental run of a spider, as the scheduler does it (for cron and CI).</summary>
public static class RunOnceCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var spider = new Argument<string>("spider") { Description = "The spider to run (see 'audiocrawl list')." };
        var state = new StateOptions();
        var engine = new EngineOptions();
        var csvColumns = new CsvColumnsOption();
        var metrics = new MetricsOptionSet();
        var command = new Command("run-once", "Run a spider once, writing only pairs no earlier run delivered to DIR/<spider>/pairs-YYYYMMDD-HHMMSS.csv; resumes an interrupted run. Exit code 3 when a run is already in progress, 4 when it found nothing (see --allow-empty).")
        {
            spider, state.StateDir, state.RebuildJob.Option, csvColumns.Option,
        };
        foreach (var option in engine.All.Concat(metrics.All))
            command.Options.Add(option);

        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            var name = parse.GetValue(spider)!;
            var config = common.LoadConfig(parse);
            SpiderSchedule.Of(config, name);
            var columns = csvColumns.Parse(parse);
            using var loggers = common.CreateLoggers(parse, environment);
            using var stop = new StopSignal(environment);
            await using var metricsEndpoint = await metrics.StartAsync(parse, environment, stop.Token).ConfigureAwait(false);
            var runner = state.Runner(parse, config, engine, columns, metricsEndpoint?.Attach(environment) ?? environment, loggers, e => stop.Hard.Register(e.Abort));
            var report = await runner.RunAsync(name, stop.Token).ConfigureAwait(false);
            if (report.Skipped)
            {
                await environment.Error.WriteLineAsync($"{name}: skipped, another run of it is in progress.").ConfigureAwait(false);
                return ExitCodes.RunInProgress;
            }
            await environment.Out.WriteAsync(StatsSummary.Format(name, report.Result!, [report.Output!])).ConfigureAwait(false);
            await environment.Out.WriteLineAsync($"run {report.RunId} {report.Status!.Value.ToString().ToLowerInvariant()}{(report.Resumed ? " (resumed an interrupted run)" : "")}: {report.NewPairs} new pairs in {report.Output}").ConfigureAwait(false);
            if (report.Status == RunStatus.Failed)
                await environment.Error.WriteLineAsync($"error: the run failed: {report.Result!.FailureMessage}").ConfigureAwait(false);
            else if (report.Result!.Outcome == CrawlOutcome.Empty)
                await environment.Error.WriteLineAsync(StatsSummary.FoundNothingError(report.Result)).ConfigureAwait(false);
            return report.Status == RunStatus.Failed ? ExitCodes.CrawlFailed : ExitCodes.Of(report.Result.Outcome);
        }));
        return command;
    }
}
