using System.CommandLine;
using AudioCrawl.Cli.Running;
using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Engine;
using AudioCrawl.Core.Http;
using AudioCrawl.Sinks.Download;
using AudioCrawl.Sinks.Csv;

namespace AudioCrawl.Cli.Commands;

public static class CrawlCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var spider = new Argument<string>("spider") { Description = "The spider to run (see 'audiocrawl list')." };
        var output = new Option<string>("--output", "-o") { Description = "The url,text CSV to write.", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the output file if it exists." };
        var append = new Option<bool>("--append") { Description = "Add to the output file if it exists." };
        var stats = new Option<string?>("--stats") { Description = "Write the final stats as JSON to this file." };
        var engine = new EngineOptions();
        var download = new Option<bool>("--download") { Description = "Also download, convert and pack the audio of every pair (needs --webdataset or --audio-dir)." };
        var webDataset = new Option<string?>("--webdataset") { Description = "Pack downloaded audio as WebDataset shards in this folder (implies --download)." };
        var audioDir = new Option<string?>("--audio-dir") { Description = "Write downloaded audio as loose {key}.flac + {key}.json files in this folder (implies --download)." };
        var audio = new DownloadOptionSet();

        var command = new Command("crawl", "Crawl one spider into a url,text CSV (and, with --webdataset, into audio shards).") { spider, output, overwrite, append, stats, download, webDataset, audioDir };
        foreach (var option in engine.All.Concat(audio.All))
            command.Options.Add(option);

        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            if (parse.GetValue(overwrite) && parse.GetValue(append))
                throw new ConfigurationException("--overwrite and --append exclude each other.");
            var statsPath = parse.GetValue(stats);
            if (statsPath is not null && Path.GetDirectoryName(Path.GetFullPath(statsPath)) is { } statsFolder && !Directory.Exists(statsFolder))
                throw new ConfigurationException($"--stats {statsPath}: the folder {statsFolder} does not exist.");

            var config = common.LoadConfig(parse);
            var plan = new CrawlPlanner(CommonOptions.Registry(environment), config).Plan(parse.GetValue(spider)!, engine.Overrides(parse));
            var path = parse.GetValue(output)!;
            var mode = parse.GetValue(overwrite) ? CsvSinkMode.Overwrite : parse.GetValue(append) ? CsvSinkMode.Append : CsvSinkMode.CreateNew;
            var shards = parse.GetValue(webDataset);
            var files = parse.GetValue(audioDir);
            if (shards is not null && files is not null)
                throw new ConfigurationException("--webdataset and --audio-dir exclude each other.");
            var audioFolder = shards ?? files;
            if (parse.GetValue(download) && audioFolder is null)
                throw new ConfigurationException("--download needs a place for the audio: --webdataset DIR (shards) or --audio-dir DIR (loose files).");

            using var loggers = common.CreateLoggers(parse, environment);
            var session = new CrawlSession(environment, loggers);
            var csv = new CsvPairSink(path, mode);
            if (audioFolder is null)
                return await session.RunAsync(plan, [csv], [path], statsPath).ConfigureAwait(false);

            using var transport = new HttpFetcher(audio.FetcherOptions(parse, plan.Engine));
            await using var fetchPath = FetchPipeline.Build(transport, plan.Engine, environment.Time, loggers);
            var writer = audio.CreateWriter(parse, audioFolder, webDataset: shards is not null, environment.Time);
            var sink = new DownloadSink(() => audio.CreateRunner(parse, fetchPath, writer, audioFolder, loggers, environment.Time), audioFolder);
            var code = await session.RunAsync(plan, [csv, sink], [path, audioFolder], statsPath, sink.Abort).ConfigureAwait(false);
            if (sink.Summary is { } summary)
                await environment.Out.WriteAsync(DownloadReport.Format(summary)).ConfigureAwait(false);
            return code;
        }));
        return command;
    }
}
