using System.CommandLine;
using Crawler.Core.Engine;

namespace AudioCrawl.Commands;

public static class ListCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var sinks = new Option<bool>("--sinks") { Description = "List the sink types crawlers.json's \"sinks\" section can name instead." };
        var command = new Command("list", "List the spiders that can run: crawlers.json entries and spider classes (or, with --sinks, the sink types).") { sinks };
        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            if (parse.GetValue(sinks))
            {
                var types = CommonOptions.Sinks(environment).All;
                var typeWidth = types.Max(d => d.Name.Length);
                foreach (var descriptor in types)
                    await environment.Out.WriteLineAsync($"{descriptor.Name.PadRight(typeWidth)}  {descriptor.Description}").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var config = common.LoadConfig(parse);
            var registry = CommonOptions.Registry(environment);
            var planner = new CrawlPlanner(registry, config);
            var names = planner.KnownNames().ToArray();
            var width = names.Max(n => n.Length);
            foreach (var name in names)
            {
                config.Spiders.TryGetValue(name, out var entry);
                var type = entry?.Type ?? name;
                var description = entry?.Description
                    ?? (registry.TryGet(type, out var descriptor) ? descriptor.Description : $"(unknown spider type '{type}')");
                var suffix = type != name ? $" [{type}]" : "";
                await environment.Out.WriteLineAsync($"{name.PadRight(width)}  {description}{suffix}").ConfigureAwait(false);
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
