using System.CommandLine;
using System.Globalization;
using AudioCrawl.Running;
using Crawler.Core.Configuration;
using Sinks.WebDataset;

namespace AudioCrawl.Commands;

/// <summary>
/// <c>audiocrawl pack files/ -o shards/</c>: packs the loose samples of a <c>download --format files</c> folder into
/// WebDataset shards. Running it again into the same folder packs only what is not in a finished shard yet.
/// </summary>
public static class PackCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var input = new Argument<string>("folder") { Description = "A folder of {key}.<audio> + {key}.json samples (audiocrawl download --format files)." };
        var output = new Option<string>("--output", "-o") { Description = "The shard folder (created if missing; reused to resume).", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Delete the shards already in the output and pack everything again (by default a re-run packs only what is missing)." };
        var shards = new DownloadOptionSet();
        var delivery = new UploadOptionSet();
        var command = new Command("pack", "Pack a folder of loose samples into WebDataset shards (sizes.json, _stats.json per shard).")
        {
            input, output, overwrite, shards.SamplesPerShard, shards.ShardPrefix, shards.Split, shards.TrainPercent,
        };
        foreach (var option in delivery.All)
            command.Options.Add(option);
        command.SetAction(parse => CommandAction.GuardAsync(environment, async run =>
        {
            var from = Path.GetFullPath(parse.GetValue(input)!);
            var to = Path.GetFullPath(parse.GetValue(output)!);
            if (string.Equals(from.TrimEnd(Path.DirectorySeparatorChar), to.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
                throw new ConfigurationException($"{to}: the shards need a folder of their own, not the folder being packed.");
            var writer = new WebDatasetWriter(to, shards.ShardOptions(parse), environment.Time);
            var packer = new FilesFolderPacker(from, writer, environment.Time);
            packer.Check(); // a folder that cannot be packed is refused before --overwrite removes anything
            if (parse.GetValue(overwrite))
                writer.RemoveShards();
            using var stop = new StopSignal(environment);
            using var loggers = common.CreateLoggers(parse, environment);
            await using var upload = await delivery.StartAsync(parse, to, loggers, environment.Time, stop.Hard).ConfigureAwait(false);
            upload?.Watch(writer);
            run.MarkStarted();
            var summary = await packer.PackAsync(stop.Token).ConfigureAwait(false);
            await BadRowReport.WarnAsync(environment, summary.BadSamples).ConfigureAwait(false);
            await environment.Out.WriteAsync(Format(summary, to)).ConfigureAwait(false);
            await UploadOptionSet.FinishAsync(upload, environment, [], statsPath: null, stop.Hard).ConfigureAwait(false);
            return await BadRowReport.ExitCodeAsync(environment, summary.Cancelled || summary.Packed + summary.AlreadyPacked > 0, summary.BadSamples.Count, from).ConfigureAwait(false);
        }));
        return command;
    }

    private static string Format(PackSummary summary, string output)
    {
        var megabytes = summary.BytesRead / 1_000_000.0;
        var seconds = Math.Max(summary.ElapsedSeconds, 1e-6);
        return string.Create(CultureInfo.InvariantCulture, $"""
            pack -> {output}: {(summary.Cancelled ? "stopped" : "finished")} in {summary.ElapsedSeconds:0.000} s
              packed            {summary.Packed} samples ({summary.Packed / seconds:0} samples/s)
              read              {megabytes:0.0} MB ({megabytes / seconds:0.0} MB/s)
              already packed    {summary.AlreadyPacked}
              bad samples       {summary.BadSamples.Count} (skipped)

            """);
    }
}
