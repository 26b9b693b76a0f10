using System.CommandLine;
using Sinks.Csv;

namespace AudioCrawl.Commands;

public static class MergeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var parts = new Argument<string[]>("parts") { Description = "The url,text CSV parts (one per worker).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The merged url,text CSV to write.", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the output file if it exists." };
        var command = new Command("merge", "Merge the CSV parts of a shared crawl into one, each pair once.") { parts, output, overwrite };
        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            var path = parse.GetValue(output)!;
            var sink = new CsvPairSink(path, parse.GetValue(overwrite) ? CsvSinkMode.Overwrite : CsvSinkMode.CreateNew);
            var result = await CsvPartMerger.MergeAsync(parse.GetValue(parts)!, sink).ConfigureAwait(false);
            await BadRowReport.WarnAsync(environment, result.BadRows).ConfigureAwait(false);
            await environment.Out.WriteLineAsync($"merged {result.Parts} parts: {result.RowsRead} rows read, {result.RowsWritten} written to {path}, {result.Duplicates} duplicates removed, {result.BadRows.Count} bad rows skipped.").ConfigureAwait(false);
            return await BadRowReport.ExitCodeAsync(environment, result.RowsWritten > 0, result.BadRows.Count, string.Join(", ", parse.GetValue(parts)!)).ConfigureAwait(false);
        }));
        return command;
    }
}
