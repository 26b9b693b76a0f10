using System.CommandLine;
using AudioCrawl.Running;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Metrics;
using Sinks.Csv;
using Sinks.Download;

namespace AudioCrawl.Commands;

public static class CrawlCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var spider = new Argument<string>("spider") { Description = "The spider to run (see 'audiocrawl list')." };
        var output = new Option<string>("--output", "-o") { Description = "The url,text CSV to write.", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the output file if it exists." };
        var append = new Option<bool>("--append") { Description = "Add to the output file if it exists." };
        var csvColumns = new CsvColumnsOption();
        var stats = new Option<string?>("--stats") { Description = "Write the final stats as JSON to this file." };
        var jobDir = new Option<string?>("--job-dir") { Description = "Keep the crawl's state (frontier, seen requests, emitted pairs, failures) in this directory; running the same command again resumes it." };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "With --job-dir: schedule the requests recorded in failures.jsonl again." };
        var rebuildJob = new RebuildJobOption();
        var engine = new EngineOptions();
        var redis = new RedisOptions();
        var download = new Option<bool>("--download") { Description = "Also download, convert and pack the audio of every pair (needs --webdataset or --audio-dir)." };
        var webDataset = new Option<string?>("--webdataset") { Description = "Pack downloaded audio as WebDataset shards in this folder (implies --download)." };
        var audioDir = new Option<string?>("--audio-dir") { Description = "Write downloaded audio as loose {key}.flac + {key}.json files in this folder (implies --download)." };
        var audio = new DownloadOptionSet(withRetryFailed: false); // the crawl's --retry-failed is about the job's failed requests
        var delivery = new UploadOptionSet();
        var metrics = new MetricsOptionSet();
        var timelineInterval = new Option<double>("--timeline-interval") { Description = "Seconds between the points of the time series (timeline.jsonl in the job directory, or beside --stats; default 5).", DefaultValueFactory = _ => 5 };

        var command = new Command("crawl", "Crawl one spider into a url,text CSV (and, with --webdataset, into audio shards).") { spider, output, overwrite, append, csvColumns.Option, stats, jobDir, retryFailed, rebuildJob.Option, download, webDataset, audioDir, timelineInterval };
        foreach (var option in engine.All.Concat(audio.All).Concat(delivery.All).Concat(metrics.All))
            command.Options.Add(option);
        foreach (var option in redis.All)
            command.Options.Add(option);

        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            if (parse.GetValue(overwrite) && parse.GetValue(append))
                throw new ConfigurationException("--overwrite and --append exclude each other.");
            var statsPath = parse.GetValue(stats);
            if (statsPath is not null && Path.GetDirectoryName(Path.GetFullPath(statsPath)) is { } statsFolder && !Directory.Exists(statsFolder))
                throw new ConfigurationException($"--stats {statsPath}: the folder {statsFolder} does not exist.");

            var jobPath = parse.GetValue(jobDir);
            if (parse.GetValue(retryFailed) && jobPath is null)
                throw new ConfigurationException("--retry-failed needs --job-dir (the failures are recorded in the job directory).");
            var rebuild = rebuildJob.Parse(parse);
            if (rebuild && jobPath is null)
                throw new ConfigurationException("--rebuild-job needs --job-dir (the job directory to rebuild).");
            if (rebuild && parse.GetValue(overwrite))
                throw new ConfigurationException("--rebuild-job and --overwrite exclude each other: a rebuild keeps the rows of the CSV.");
            var config = common.LoadConfig(parse);
            var plan = new CrawlPlanner(CommonOptions.Registry(environment), config).Plan(parse.GetValue(spider)!, [.. engine.Overrides(parse), .. audio.EngineOverrides(parse)]);
            var path = parse.GetValue(output)!;
            var columns = csvColumns.Parse(parse);
            var mode = parse.GetValue(overwrite) ? CsvSinkMode.Overwrite : parse.GetValue(append) ? CsvSinkMode.Append : CsvSinkMode.CreateNew;
            var sharedOptions = redis.Parse(parse);
            if (sharedOptions is not null && jobPath is not null)
                throw new ConfigurationException("--job-dir and --redis exclude each other: a shared crawl keeps its state in Redis.");
            var shards = parse.GetValue(webDataset);
            var files = parse.GetValue(audioDir);
            if (shards is not null && files is not null)
                throw new ConfigurationException("--webdataset and --audio-dir exclude each other.");
            var audioFolder = shards ?? files;
            if (parse.GetValue(download) && audioFolder is null)
                throw new ConfigurationException("--download needs a place for the audio: --webdataset DIR (shards) or --audio-dir DIR (loose files).");

            var audioFetcher = audioFolder is null ? null : audio.FetcherOptions(parse, plan.Engine);
            using var loggers = common.CreateLoggers(parse, environment);
            await using var shared = sharedOptions is null ? null
                : await SharedCrawl.JoinAsync(parse.GetValue(redis.Redis)!, sharedOptions, loggers, environment.Time).ConfigureAwait(false);
            JobDirectory? job = null;
            if (jobPath is not null)
            {
                if (JobDirectory.HoldsJob(jobPath) && mode == CsvSinkMode.Overwrite)
                    throw new ConfigurationException($"--overwrite: --job-dir {jobPath} holds a job to resume, which appends to {path}; to start over, delete the job directory (or use another one).");
                if (!rebuild && !JobDirectory.HoldsJob(jobPath) && mode == CsvSinkMode.CreateNew && File.Exists(path))
                    throw new ConfigurationException($"{path} exists already and --job-dir {jobPath} holds no job to resume; pass --overwrite or --append, or another output.");
                job = rebuild
                    ? await JobDirectory.RebuildAsync(jobPath, plan.Name, environment.Time).ConfigureAwait(false)
                    : await JobDirectory.OpenAsync(jobPath, plan.Name, environment.Time).ConfigureAwait(false);
            }
            await using var ownedJob = job;
            if (job is not null)
            {
                if (job.IsResuming)
                    mode = CsvSinkMode.Append;
                await ResumeJob.PrepareAsync(job, path, parse.GetValue(retryFailed), loggers).ConfigureAwait(false);
            }

            await using var metricsEndpoint = await metrics.StartAsync(parse, environment, environment.StopToken).ConfigureAwait(false);
            // -o, --webdataset and --audio-dir are shorthands for sink entries of crawlers.json: one code path.
            var registry = CommonOptions.Sinks(environment);
            var sinks = new List<SinkEntry> { CliSinks.Entry(registry, "csv", new CsvSinkSettings { Path = path, Mode = mode, Columns = string.Join(',', columns) }) };
            var audioSettings = audioFolder is null ? null : audio.CreateSettings(parse, audioFolder, webDataset: shards is not null);
            if (audioSettings is not null)
                sinks.Add(CliSinks.Entry(registry, DownloadOptionSet.SinkType(audioSettings), audioSettings));
            var host = CrawlHosts.ForCrawl(plan, config, metricsEndpoint?.Attach(environment) ?? environment, loggers).AddSinks(sinks, plan.Name);
            if (job is not null)
                host.AddJobDirectory(job);
            if (job is not null || statsPath is not null)
                host.AddTimeline(new TimelineOptions(job is not null ? Path.Combine(job.Path, TimelineFile.FileName) : TimelineFile.Beside(statsPath!)) { Interval = TimelineInterval(parse.GetValue(timelineInterval)) });
            shared?.AddTo(host);
            if (audioFetcher is not null)
                host.AddMediaDownload(audioFetcher);
            await using var upload = await delivery.StartAsync(parse, audioFolder, loggers, environment.Time, environment.StopToken).ConfigureAwait(false);
            var downloads = new List<DownloadSink>();
            host.OnSinkCreated(created =>
            {
                if (created is not DownloadSink download)
                    return;
                downloads.Add(download);
                if (audioFolder is not null && Path.GetFullPath(download.Runner.Output) == Path.GetFullPath(audioFolder))
                    upload?.Watch(download.Writer);
            });
            var session = new CrawlSession(environment);
            var code = await session.RunAsync(plan, host, audioFolder is null ? [path] : [path, audioFolder], statsPath, () => downloads.ForEach(d => d.Abort())).ConfigureAwait(false);
            foreach (var download in downloads)
            {
                if (download.Summary is { } summary)
                    await environment.Out.WriteAsync(DownloadReport.Format(summary)).ConfigureAwait(false);
            }
            await UploadOptionSet.FinishAsync(upload, environment, [path], statsPath, environment.StopToken).ConfigureAwait(false);
            return code;
        }));
        return command;
    }

    private static TimeSpan TimelineInterval(double seconds) => seconds is >= 0.1 and <= 86400
        ? TimeSpan.FromSeconds(seconds)
        : throw new ConfigurationException($"--timeline-interval {seconds}: must be between 0.1 and 86400 seconds.");
}
