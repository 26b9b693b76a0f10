using System.CommandLine;
using AudioCrawl.Running;
using Crawler.Core.Configuration;
using Delivery;

namespace AudioCrawl.Commands;

/// <summary>
/// <c>audiocrawl upload shards/ s3://bucket/prefix/</c>: delivers a folder (or one file) to S3-compatible storage.
/// Running it again sends only what is missing or different; the manifest of a shard folder goes last.
/// </summary>
public static class UploadCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var source = new Argument<string>("source") { Description = "A folder (shards, CSVs, ...) or one file." };
        var target = new Argument<string>("target") { Description = "Where to put it: s3://bucket/prefix/." };
        var delete = new Option<bool>("--delete") { Description = "Delete objects under the prefix that are not in the folder (never done otherwise)." };
        var stats = new Option<string?>("--stats") { Description = "A stats JSON (crawl --stats) to include in manifest.json." };
        var connection = new UploadOptionSet();
        var command = new Command("upload", "Upload a folder or file to S3-compatible storage (resumable; manifest.json last).") { source, target, delete, stats };
        foreach (var option in connection.Connection)
            command.Options.Add(option);

        command.SetAction(parse => CommandAction.GuardAsync(environment, async run =>
        {
            var from = parse.GetValue(source)!;
            if (!Directory.Exists(from) && !File.Exists(from))
                throw new ConfigurationException($"{from}: no such file or folder.");
            var crawlStats = UploadOptionSet.ReadStats(parse.GetValue(stats));
            using var loggers = common.CreateLoggers(parse, environment);
            using var stop = new StopSignal(environment);
            using var store = connection.OpenStore(parse, parse.GetValue(target)!);
            await UploadOptionSet.CheckAccessAsync(store, stop.Token).ConfigureAwait(false);
            run.MarkStarted();
            try
            {
                var summary = await new FolderUploader(store, loggers.CreateLogger("upload"), environment.Time)
                    .UploadAsync(from, crawlStats, parse.GetValue(delete), stop.Token).ConfigureAwait(false);
                await environment.Out.WriteAsync(UploadReport.Format(summary, store.Location.ToString())).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
            {
                await environment.Error.WriteLineAsync($"upload to {store.Location} stopped; unfinished multipart uploads were aborted. Run the same command again to continue.").ConfigureAwait(false);
                return ExitCodes.CrawlFailed;
            }
        }));
        return command;
    }
}
