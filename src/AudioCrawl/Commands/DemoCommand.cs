using System.CommandLine;
using System.Globalization;
using AudioCrawl.Running;
using AudioCrawl.SampleSite;
using Crawler.Core.Engine;
using Sinks.Csv;

namespace AudioCrawl.Commands;

/// <summary>
/// The offline demo: serves the built-in sample sites on 127.0.0.1, crawls each with its spider into a CSV, and
/// checks the CSV against the pairs the site is known to hold.
/// </summary>
public static class DemoCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var outputDir = new Option<string>("--output-dir") { Description = "Folder for the demo's CSV files.", DefaultValueFactory = _ => "demo-output" };
        var command = new Command("demo", "Crawl the built-in sample sites on 127.0.0.1 end to end (works offline).") { outputDir };
        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            var folder = parse.GetValue(outputDir)!;
            Directory.CreateDirectory(folder);
            var config = common.LoadConfig(parse);
            var planner = new CrawlPlanner(CommonOptions.Registry(environment), config);
            using var loggers = common.CreateLoggers(parse, environment);
            var exitCode = ExitCodes.Success;
            foreach (var site in SampleWeb.AllSites())
            {
                await using var host = await SampleWeb.ServeAsync(site).ConfigureAwait(false);
                await environment.Out.WriteLineAsync($"Serving the sample '{site.Name}' site at {host.BaseUrl}; crawling it with spider '{site.Spider}'.").ConfigureAwait(false);
                var plan = planner.Plan(site.Spider, [new("baseUrl", host.BaseUrl.AbsoluteUri), new("delay", "0"), new("perHost", "8")]);
                var path = Path.Combine(folder, site.Name + ".csv");
                var crawl = CrawlHosts.ForCrawl(plan, config, environment, loggers).AddCsvSink(new CsvSinkSettings { Path = path, Mode = CsvSinkMode.Overwrite });
                var code = await new CrawlSession(environment).RunAsync(plan, crawl, [path], null).ConfigureAwait(false);
                if (code != ExitCodes.Success)
                {
                    exitCode = code;
                    continue;
                }
                if (!await VerifyAsync(environment, site, host.BaseUrl, path).ConfigureAwait(false))
                    exitCode = ExitCodes.CrawlFailed;
            }
            return exitCode;
        }));
        return command;
    }

    private static async Task<bool> VerifyAsync(CliEnvironment environment, ISampleSite site, Uri baseUrl, string path)
    {
        var expected = site.ExpectedPairs(baseUrl).ToHashSet();
        var actual = new List<(string, string)>();
        await foreach (var row in CsvPairReader.ReadAsync(path).ConfigureAwait(false))
            actual.Add((row.Url, row.Text));
        var found = actual.Count(expected.Contains);
        var duplicates = actual.Count - actual.Distinct().Count();
        var precision = actual.Count == 0 ? 0 : (double)found / actual.Count;
        var recall = expected.Count == 0 ? 1 : (double)actual.Distinct().Count(expected.Contains) / expected.Count;
        await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{path}: {actual.Count} rows; precision {precision:P1}, recall {recall:P1} against the site's {expected.Count} known pairs; {duplicates} duplicates.")).ConfigureAwait(false);
        return precision == 1 && recall == 1 && duplicates == 0;
    }
}
