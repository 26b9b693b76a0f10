using System.CommandLine;
using System.Globalization;
using Crawler.Core.Configuration;
using Delivery;

namespace AudioCrawl.Commands;

/// <summary>
/// <c>audiocrawl verify s3://bucket/prefix/</c> (or a local folder): re-reads a delivery and checks every shard
/// against manifest.json. Exit 0 when all is well, 1 when anything is missing, truncated, modified or torn.
/// </summary>
public static class VerifyCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var source = new Argument<string>("delivery") { Description = "A local shard folder or s3://bucket/prefix/ holding manifest.json." };
        var connection = new UploadOptionSet();
        var command = new Command("verify", "Check a delivery (local or on S3) against its manifest.json: sizes, SHA-256, complete {key}.flac/{key}.json pairs.") { source };
        foreach (var option in connection.Connection)
            command.Options.Add(option);

        command.SetAction(parse => CommandAction.GuardAsync(environment, async run =>
        {
            var where = parse.GetValue(source)!;
            using var stop = new Running.StopSignal(environment);
            VerifyReport report;
            if (S3Location.IsS3(where))
            {
                using var store = connection.OpenStore(parse, where);
                await UploadOptionSet.CheckAccessAsync(store, stop.Token).ConfigureAwait(false);
                run.MarkStarted();
                report = await new DeliveryVerifier(new S3DeliverySource(store), store.Options.Concurrency).VerifyAsync(stop.Token).ConfigureAwait(false);
            }
            else
            {
                if (!Directory.Exists(where))
                    throw new ConfigurationException($"{where}: no such folder.");
                run.MarkStarted();
                report = await new DeliveryVerifier(new LocalDeliverySource(where)).VerifyAsync(stop.Token).ConfigureAwait(false);
            }
            foreach (var problem in report.Problems)
                await environment.Error.WriteLineAsync("problem: " + problem).ConfigureAwait(false);
            await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"verify {report.Source}: {(report.Ok ? "OK" : $"{report.Problems.Count} problem(s)")}: {report.ShardsChecked} shards, {report.Samples} samples, {report.Bytes / 1_000_000.0:0.0} MB read")).ConfigureAwait(false);
            return report.Ok ? ExitCodes.Success : ExitCodes.CrawlFailed;
        }));
        return command;
    }
}
