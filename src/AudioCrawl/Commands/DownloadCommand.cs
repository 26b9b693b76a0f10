using System.CommandLine;
using AudioCrawl.Cli.Running;
using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Metrics;
using AudioCrawl.Sinks.Download;
using Microsoft.Extensions.DependencyInjection;

namespace AudioCrawl.Cli.Commands;

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
        var audio = new DownloadOptionSet();
        var delivery = new UploadOptionSet();
        var metrics = new MetricsOptionSet();

        var command = new Command("download", "Download the audio of a url,text CSV into WebDataset shards (LAION audio format).") { input, output, format, perHost, delay, userAgent, ignoreRobots };
        foreach (var option in audio.All.Concat(delivery.All).Concat(metrics.All))
            command.Options.Add(option);

        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            var csv = parse.GetValue(input)!;
            if (!File.Exists(csv))
                throw new ConfigurationException($"{csv}: no such file.");
            var folder = parse.GetValue(output)!;
            var engine = new EngineSettings { PerHost = parse.GetValue(perHost), Delay = parse.GetValue(delay), UserAgent = parse.GetValue(userAgent)!, ObeyRobotsTxt = !parse.GetValue(ignoreRobots) };
            if (engine.Validate().FirstOrDefault() is { } problem)
                throw new ConfigurationException(problem);

            using var loggers = common.CreateLoggers(parse, environment);
            using var stop = new StopSignal(environment);
            await using var metricsEndpoint = await metrics.StartAsync(parse, environment, stop.Hard).ConfigureAwait(false);
            await using var host = CrawlHosts.Create(engine, metricsEndpoint?.Attach(environment) ?? environment, loggers).AddMediaDownload(audio.FetcherOptions(parse, engine)).Build();
            if (metricsEndpoint is not null)
                host.Services.GetRequiredService<CrawlMetrics>(); // no crawl runs here to create the extensions: the meter starts now
            var writer = audio.CreateWriter(parse, folder, parse.GetValue(format) == "webdataset", environment.Time);
            await using var upload = await delivery.StartAsync(parse, folder, loggers, environment.Time, stop.Hard).ConfigureAwait(false);
            upload?.Watch(writer);
            var runner = audio.CreateRunner(parse, host.Fetch, writer, folder, loggers, environment.Time, host.Stats.Custom);
            await using var abort = stop.Hard.Register(runner.Abort);
            using var progressDone = new CancellationTokenSource();
            var progress = ReportProgressAsync(environment, runner, progressDone.Token);
            DownloadSummary summary;
            try
            {
                summary = await runner.RunAsync(CsvAudioSources.ReadAsync(csv), stop.Token).ConfigureAwait(false);
            }
            finally
            {
                await progressDone.CancelAsync().ConfigureAwait(false);
                await progress.ConfigureAwait(false);
            }
            await environment.Out.WriteAsync(DownloadReport.Format(summary)).ConfigureAwait(false);
            await UploadOptionSet.FinishAsync(upload, environment, [], statsPath: null, stop.Hard).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task ReportProgressAsync(CliEnvironment environment, DownloadRunner runner, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), environment.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                await environment.Error.WriteLineAsync($"download: {runner.Converted} converted, {runner.Succeeded} in finished shards, {runner.Failed} failed").ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
