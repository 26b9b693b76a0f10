using System.CommandLine;
using AudioCrawl.Cli.Running;
using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Engine;
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
        var jobDir = new Option<string?>("--job-dir") { Description = "Keep the crawl's state (frontier, seen requests, emitted pairs, failures) in this directory; running the same command again resumes it." };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "With --job-dir: schedule the requests recorded in failures.jsonl again." };
        var engine = new EngineOptions();

        var command = new Command("crawl", "Crawl one spider into a url,text CSV.") { spider, output, overwrite, append, stats, jobDir, retryFailed };
        foreach (var option in engine.All)
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
            var config = common.LoadConfig(parse);
            var plan = new CrawlPlanner(CommonOptions.Registry(environment), config).Plan(parse.GetValue(spider)!, engine.Overrides(parse));
            var path = parse.GetValue(output)!;
            var mode = parse.GetValue(overwrite) ? CsvSinkMode.Overwrite : parse.GetValue(append) ? CsvSinkMode.Append : CsvSinkMode.CreateNew;
            using var loggers = common.CreateLoggers(parse, environment);
            if (jobPath is null)
                return await new CrawlSession(environment, loggers).RunAsync(plan, [new CsvPairSink(path, mode)], [path], statsPath).ConfigureAwait(false);

            if (JobDirectory.HoldsJob(jobPath) && mode == CsvSinkMode.Overwrite)
                throw new ConfigurationException($"--overwrite: --job-dir {jobPath} holds a job to resume, which appends to {path}; to start over, delete the job directory (or use another one).");
            if (!JobDirectory.HoldsJob(jobPath) && mode == CsvSinkMode.CreateNew && File.Exists(path))
                throw new ConfigurationException($"{path} exists already and --job-dir {jobPath} holds no job to resume; pass --overwrite or --append, or another output.");
            await using var job = await JobDirectory.OpenAsync(jobPath, plan.Name, environment.Time).ConfigureAwait(false);
            if (job.IsResuming)
                mode = CsvSinkMode.Append;
            await ResumeJob.PrepareAsync(job, path, parse.GetValue(retryFailed), loggers).ConfigureAwait(false);
            return await new CrawlSession(environment, loggers).RunAsync(plan, [new CsvPairSink(path, mode)], [path], statsPath, job).ConfigureAwait(false);
        }));
        return command;
    }
}
