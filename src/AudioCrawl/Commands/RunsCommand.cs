using System.CommandLine;
using System.Globalization;
using Crawler.Core.Configuration;
using Crawler.Core.Runs;

namespace AudioCrawl.Commands;

/// <summary><c>audiocrawl runs</c>: the run history of one spider, or of every spider in the state directory.</summary>
public static class RunsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var spider = new Argument<string?>("spider") { Description = "Only this spider's runs (default: every spider in the state directory).", Arity = ArgumentArity.ZeroOrOne };
        var state = new StateOptions();
        var command = new Command("runs", "List past runs: start, end, status (running, finished, failed, cancelled, resumed, interrupted), requests, new pairs, errors, output file.")
        {
            spider, state.StateDir,
        };
        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            var root = parse.GetValue(state.StateDir)!;
            var names = parse.GetValue(spider) is { } one
                ? [one]
                : Directory.Exists(root) ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, SpiderState.FileName))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray() : [];
            var rows = new List<string[]> { new[] { "spider", "run", "start (UTC)", "end (UTC)", "status", "requests", "new pairs", "errors", "output" } };
            foreach (var name in names)
            {
                var directory = Path.Combine(root, name);
                if (!File.Exists(Path.Combine(directory, SpiderState.FileName)))
                    throw new ConfigurationException($"{directory}: no runs of spider '{name}' in this state directory (--state-dir {root}).");
                var lockHeld = RunLock.IsHeld(directory);
                await using var store = await SpiderState.OpenAsync(directory).ConfigureAwait(false);
                foreach (var run in await store.ListRunsAsync().ConfigureAwait(false))
                {
                    var status = run.Status == RunStatus.Running && !lockHeld ? "interrupted" : run.Status.ToString().ToLowerInvariant();
                    if (run.ResumedBy is { } by)
                        status += $" (by {by})";
                    rows.Add([name, run.Id.ToString(CultureInfo.InvariantCulture), Time(run.Started), run.Ended is { } end ? Time(end) : "-", status,
                        Number(run.Requests), Number(run.NewPairs), Number(run.Errors), Path.GetRelativePath(Directory.GetCurrentDirectory(), run.Output)]);
                }
            }
            if (rows.Count == 1)
            {
                await environment.Out.WriteLineAsync($"No runs in {root}.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var row in rows)
                await environment.Out.WriteLineAsync(string.Join("  ", row.Select((cell, c) => c is 5 or 6 or 7 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd()).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
