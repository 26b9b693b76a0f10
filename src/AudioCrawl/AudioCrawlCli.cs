using System.CommandLine;
using AudioCrawl.Commands;
using Crawler.Core.Configuration;

namespace AudioCrawl;

/// <summary>The audiocrawl command line: parses, dispatches, and maps errors to exit codes (<see cref="ExitCodes"/>).</summary>
public static class AudioCrawlCli
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment)
    {
        environment = environment with { Arguments = args };
        try
        {
            if (PluginAssemblies.PathsIn(args) is { Count: > 0 } plugins)
                environment = environment with { SpiderAssemblies = [.. environment.SpiderAssemblies, .. PluginAssemblies.Load(plugins)] };
        }
        catch (ConfigurationException ex)
        {
            await environment.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }
        var common = new CommonOptions();
        var root = new RootCommand("AudioCrawl: crawl the web into audio-text datasets (url,text CSVs and WebDataset shards).")
        {
            ListCommand.Create(common, environment),
            CrawlCommand.Create(common, environment),
            DownloadCommand.Create(common, environment),
            PackCommand.Create(common, environment),
            UploadCommand.Create(common, environment),
            VerifyCommand.Create(environment),
            CheckCommand.Create(common, environment),
            DemoCommand.Create(common, environment),
            SampleSiteCommand.Create(environment),
            SchemaCommand.Create(environment),
            MergeCommand.Create(environment),
            StatusCommand.Create(environment),
            RunOnceCommand.Create(common, environment),
            ScheduleCommand.Create(common, environment),
            RunsCommand.Create(environment),
            ExportCommand.Create(environment),
            ReportCommand.Create(environment),
            ServeCommand.Create(environment),
        };
        root.Options.Add(common.Config);
        root.Options.Add(common.LogLevel);
        root.Options.Add(new Option<string[]>(PluginAssemblies.OptionName) { Description = "An assembly whose [Spider] and [Sink] classes join the built-in ones (repeatable).", Recursive = true });

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                await environment.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            await environment.Error.WriteLineAsync("Run 'audiocrawl --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }
        var invocation = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false, // an error is one line and an exit code (CommandAction), never a stack trace
        };
        return await CommandAction.GuardAsync(environment, () => parse.InvokeAsync(invocation)).ConfigureAwait(false);
    }
}
