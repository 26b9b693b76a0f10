using System.CommandLine;
using Crawler.Core.Configuration;

namespace AudioCrawl.Commands;

public static class CheckCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var command = new Command("check", "Validate crawlers.json against its schema and every spider's settings.");
        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            var path = parse.GetValue(common.Config) ?? CrawlerConfig.DefaultFileName;
            var config = CrawlerConfig.Load(path, pathWasGiven: true);
            var problems = ConfigChecker.Check(CommonOptions.Registry(environment), config, CommonOptions.Sinks(environment));
            foreach (var problem in problems)
                await environment.Error.WriteLineAsync("error: " + problem).ConfigureAwait(false);
            if (problems.Count > 0)
                return ExitCodes.BadUsage;
            await environment.Out.WriteLineAsync($"{path}: OK, {config.Spiders.Count} spider entries ({string.Join(", ", config.Spiders.Keys)}).").ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
