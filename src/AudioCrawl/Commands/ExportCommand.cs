using System.CommandLine;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;
using Crawler.Core.Pipeline;
using Crawler.Core.Runs;
using Sinks.Csv;

namespace AudioCrawl.Commands;

/// <summary><c>audiocrawl export</c>: the cumulative deliverable of a spider, every pair its finished runs delivered, once.</summary>
public static class ExportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var spider = new Argument<string>("spider") { Description = "The spider whose runs to export." };
        var state = new StateOptions();
        var output = new Option<string>("--output", "-o") { Description = "The url,text CSV to write.", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the output file if it exists." };
        var command = new Command("export", "Write every pair the spider's finished runs delivered (oldest run first, each pair once) to one CSV.")
        {
            spider, state.StateDir, output, overwrite,
        };
        command.SetAction(parse => CommandAction.GuardAsync(environment, async run =>
        {
            var name = parse.GetValue(spider)!;
            var directory = Path.Combine(parse.GetValue(state.StateDir)!, name);
            if (!File.Exists(Path.Combine(directory, SpiderState.FileName)))
                throw new ConfigurationException($"{directory}: no runs of spider '{name}' (run 'audiocrawl run-once {name}' first, or check --state-dir).");
            IReadOnlyList<RunRecord> runs;
            await using (var store = await SpiderState.OpenAsync(directory).ConfigureAwait(false))
                runs = await store.ListRunsAsync().ConfigureAwait(false);

            var path = parse.GetValue(output)!;
            var seen = new HashSet<PairKey>();
            long written = 0;
            var files = runs.Where(r => r.Status == RunStatus.Finished).Select(r => r.Output).Distinct().ToArray();
            if (files.FirstOrDefault(file => !File.Exists(file)) is { } missing)
                throw new ConfigurationException($"{missing}: the output of a finished run is missing; the export would be incomplete.");
            run.MarkStarted();
            await using (var sink = new CsvPairSink(path, parse.GetValue(overwrite) ? CsvSinkMode.Overwrite : CsvSinkMode.CreateNew))
            {
                await sink.OpenAsync().ConfigureAwait(false);
                foreach (var file in files)
                {
                    await foreach (var row in CsvPairReader.ReadAsync(file).ConfigureAwait(false))
                    {
                        if (!seen.Add(PairKey.Of(row.Url, row.Text)))
                            continue;
                        await sink.WriteAsync(new AudioPair(new Uri(row.Url), row.Text)).ConfigureAwait(false);
                        written++;
                    }
                }
            }
            await environment.Out.WriteLineAsync($"{written} pairs from {files.Length} runs of {name} written to {path}.").ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
