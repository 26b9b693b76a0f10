using System.CommandLine;
using Crawler.Browser;
using Crawler.Core.Configuration;
using Reports;
using Reports.Charts;

namespace AudioCrawl.Commands;

/// <summary><c>audiocrawl report &lt;job-dir|stats.json&gt; -o report.html [--png DIR]</c>: a run's figures and charts in one HTML file.</summary>
public static class ReportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var source = new Argument<string>("source") { Description = "A crawl's --stats file (its time series beside it is used too) or a --job-dir." };
        var output = new Option<string>("--output", "-o") { Description = "The HTML file to write (self-contained: inline CSS and SVG, no scripts).", Required = true };
        var png = new Option<string?>("--png") { Description = "Also write each chart as DIR/<chart>.png (rendered by the system Chromium, offline)." };
        var audio = new Option<string?>("--audio") { Description = "The run's audio folder (--webdataset/--audio-dir, or download -o): adds the sample durations, failure reasons and shard table." };
        var browser = new Option<string>("--browser-executable") { Description = "The Chromium that renders --png (default /usr/bin/chromium).", DefaultValueFactory = _ => new BrowserFetcherOptions().ExecutablePath };
        var command = new Command("report", "Write a run's report: figures, rates over time, status and error mix, per-host latency, pairs per callback, downloads and shards.") { source, output, png, audio, browser };

        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            var path = parse.GetValue(output)!;
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
                throw new ConfigurationException($"--output {path}: the folder {folder} does not exist.");
            var report = await RunReportReader.ReadAsync(parse.GetValue(source)!, parse.GetValue(audio), environment.StopToken).ConfigureAwait(false);
            foreach (var warning in report.Warnings)
                await environment.Error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
            var charts = ReportCharts.Of(report);
            await File.WriteAllTextAsync(path, HtmlReportWriter.Write(report, charts, environment.Time.GetUtcNow()), environment.StopToken).ConfigureAwait(false);
            await environment.Out.WriteLineAsync($"report: {path} ({charts.Count} charts)").ConfigureAwait(false);
            if (parse.GetValue(png) is { } pngFolder)
            {
                Directory.CreateDirectory(pngFolder);
                var images = charts.Select(chart => (SvgChartWriter.Write(chart), Path.Combine(pngFolder, chart.Id + ".png"))).ToArray();
                try
                {
                    await SvgPngRenderer.WriteAsync(images, new BrowserFetcherOptions { ExecutablePath = parse.GetValue(browser)! }, environment.StopToken).ConfigureAwait(false);
                }
                catch (BrowserUnavailableException ex)
                {
                    throw new ConfigurationException($"--png: {ex.Message}");
                }
                await environment.Out.WriteLineAsync($"charts: {images.Length} PNG files in {pngFolder}").ConfigureAwait(false);
            }
            return 0;
        }));
        return command;
    }
}
