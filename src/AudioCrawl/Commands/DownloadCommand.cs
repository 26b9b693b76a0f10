using System.CommandLine;
using AudioCrawl.Running;
using Crawler.Abstractions.Configuration;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Storage;
using Sinks.Csv;
using Sinks.Download;

namespace AudioCrawl.Commands;

/// <summary>
/// <c>audiocrawl download pairs.csv -o out/</c>: downloads the audio of any url,text CSV, converts it and packs
/// it as WebDataset shards (or loose files). Running it again over the same folder resumes.
/// </summary>
public static class DownloadCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var input = new Argument<string>("csv") { Description = "A url,text CSV (extra columns go to original_data; start/end cut a segment)." };
        var output = new Option<string>("--output", "-o") { Description = "The output folder (created if missing; reused to resume).", Required = true };
        var format = new Option<string>("--format") { Description = "webdataset (tar shards, default) or files (loose {key}.flac, or {key}.mp3 ... with --no-transcode, + {key}.json).", DefaultValueFactory = _ => "webdataset" };
        format.AcceptOnlyFromAmong("webdataset", "files");
        var perHost = new Option<int>("--per-host") { Description = "Downloads in flight at once to one host (default 8).", DefaultValueFactory = _ => 8 };
        var delay = new Option<double>("--delay") { Description = "Seconds between download starts on one host (default 0)." };
        var userAgent = new Option<string>("--user-agent") { Description = "The User-Agent header.", DefaultValueFactory = _ => EngineSettings.DefaultUserAgent };
        var ignoreRobots = new Option<bool>("--ignore-robots") { Description = "Download even what robots.txt disallows (by default it is obeyed, as in a crawl)." };
        var jobDir = new Option<string?>("--job-dir") { Description = "Keep the per-sample record (samples.jsonl: done, failed with the reason, pending) in this crawl job directory, shared with 'crawl --job-dir' into the same output." };
        var rebuildJob = new RebuildJobOption();
        var audio = new DownloadOptionSet();
        var delivery = new UploadOptionSet();
        var metrics = new MetricsOptionSet();

        var command = new Command("download", "Download the audio of a url,text CSV into WebDataset shards (LAION audio format).") { input, output, format, perHost, delay, userAgent, ignoreRobots, jobDir, rebuildJob.Option };
        foreach (var option in audio.All.Concat(delivery.All).Concat(metrics.All))
            command.Options.Add(option);

        command.SetAction(parse => CommandAction.GuardAsync(environment, async run =>
        {
            var csv = parse.GetValue(input)!;
            if (!File.Exists(csv))
                throw new ConfigurationException($"{csv}: no such file.");
            await CsvPairReader.CheckAsync(csv).ConfigureAwait(false);
            var folder = parse.GetValue(output)!;
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ConfigurationException($"--output {folder}: cannot create the output folder ({ex.Message}).");
            }
            // Every row is a media request: the page workers have nothing to do.
            var engine = new EngineSettings { Concurrency = 1, DownloadConcurrency = parse.GetValue(audio.DownloadConcurrency), PerHost = parse.GetValue(perHost), Delay = parse.GetValue(delay), UserAgent = parse.GetValue(userAgent)!, ObeyRobotsTxt = !parse.GetValue(ignoreRobots) };
            if (engine.Validate().FirstOrDefault() is { } problem)
                throw new ConfigurationException(problem);

            var settings = audio.CreateSettings(parse, folder, parse.GetValue(format) == "webdataset");
            var recordFolder = parse.GetValue(jobDir);
            if (rebuildJob.Parse(parse))
                await RebuildRecordAsync(environment, StatusJournal.PathFor(folder, recordFolder)).ConfigureAwait(false);
            using var loggers = common.CreateLoggers(parse, environment);
            using var stop = new StopSignal(environment);
            await using var metricsEndpoint = await metrics.StartAsync(parse, environment, stop.Hard).ConfigureAwait(false);
            await using var upload = await delivery.StartAsync(parse, folder, loggers, environment.Time, stop.Hard).ConfigureAwait(false);
            // The rows are media requests of the one engine: the same frontier, fetch pipeline and host slots as a crawl's audio.
            var crawl = new DownloadCrawl(cancellationToken => CsvAudioSources.ReadAsync(csv, cancellationToken), engine);
            var builder = CrawlHosts.ForDownload(crawl.Plan, metricsEndpoint?.Attach(environment) ?? environment, loggers)
                .AddMediaDownload(audio.FetcherOptions(parse, engine))
                .AddAudioSinkContext(new AudioSinkContext(DownloadCrawl.SpiderName, recordFolder));
            // The same sink entry --webdataset/--audio-dir stand for in a crawl, created through the same registry.
            crawl.AddSinks(builder, [CliSinks.Entry(CommonOptions.Sinks(environment), DownloadOptionSet.SinkType(settings), settings)])
                .OnSinkCreated(sink => upload?.Watch(((DownloadSink)sink).Writer));
            await using var host = builder.Build();
            await using var abort = stop.Hard.Register(() => crawl.Sink.Abort());
            using var progressDone = new CancellationTokenSource();
            var progress = ReportProgressAsync(environment, () => crawl.Sink.Runner, progressDone.Token);
            DownloadSummary summary;
            run.MarkStarted();
            try
            {
                summary = await crawl.RunAsync(host, engine => stop.Hard.Register(engine.Abort), stop.Token).ConfigureAwait(false);
            }
            finally
            {
                await progressDone.CancelAsync().ConfigureAwait(false);
                await progress.ConfigureAwait(false);
            }
            await environment.Out.WriteAsync(DownloadReport.Format(summary)).ConfigureAwait(false);
            await UploadOptionSet.FinishAsync(upload, environment, [], statsPath: null, stop.Hard).ConfigureAwait(false);
            return await ExitCodeAsync(environment, summary, csv).ConfigureAwait(false);
        }));
        return command;
    }

    /// <summary>
    /// 0 when some row was downloaded (or done before, or the run was stopped); 2 when no row was usable (every row
    /// bad, or none); 1 when rows were usable but not one of them could be downloaded.
    /// </summary>
    private static async Task<int> ExitCodeAsync(CliEnvironment environment, DownloadSummary summary, string csv)
    {
        var bad = summary.FailuresByReason.GetValueOrDefault(SampleFailureReasons.BadRow);
        if (summary.Cancelled || summary.Succeeded + summary.SkippedDoneBefore > 0)
            return ExitCodes.Success;
        if (summary.Failed == bad)
            return await BadRowReport.ExitCodeAsync(environment, anyUsable: false, bad, csv).ConfigureAwait(false);
        await environment.Error.WriteLineAsync($"error: none of the {summary.Failed - bad} rows of {csv} to download could be downloaded; the reasons are in {Path.Combine(summary.Output, StatusTable.FileName)}.").ConfigureAwait(false);
        return ExitCodes.CrawlFailed;
    }

    /// <summary>
    /// --rebuild-job: keeps the readable lines of a damaged per-sample record (the damaged file is set aside beside
    /// it). Samples in finished shards are found there whatever the record says; the rest is downloaded again.
    /// </summary>
    private static async Task RebuildRecordAsync(CliEnvironment environment, string record)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(record))!;
        var aside = JobDirectory.SetAsideFolder(folder, environment.Time);
        var dropped = await JsonLinesFile.SalvageAsync(record, aside, environment.StopToken).ConfigureAwait(false);
        if (dropped > 0)
            await environment.Error.WriteLineAsync($"Rebuilt {record}: left out {dropped} damaged lines (the damaged file is in {aside()}); samples in finished shards are kept, the rest is downloaded again.").ConfigureAwait(false);
    }

    private static async Task ReportProgressAsync(CliEnvironment environment, Func<DownloadRunner> runner, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), environment.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                await environment.Error.WriteLineAsync($"download: {runner().Converted} converted, {runner().Succeeded} in finished shards, {runner().Failed} failed").ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
