using System.CommandLine;
using AudioCrawl.Scheduling;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Commands;

/// <summary><c>audiocrawl schedule</c>: the long-running service that starts each spider's run when its cron expression is due.</summary>
public static class ScheduleCommand
{
    public static Command Create(CommonOptions common, CliEnvironment environment)
    {
        var spiders = new Argument<string[]>("spiders") { Description = "Only these spiders (default: every entry of crawlers.json with a \"schedule\").", Arity = ArgumentArity.ZeroOrMore };
        var state = new StateOptions();
        var engine = new EngineOptions();
        var csvColumns = new CsvColumnsOption();
        var metrics = new MetricsOptionSet();
        var command = new Command("schedule", "Run spiders on their cron schedules until stopped (SIGTERM or Ctrl+C): resumes unfinished runs at start, never runs a spider twice at once.")
        {
            spiders, state.StateDir, state.RebuildJob.Option, csvColumns.Option,
        };
        foreach (var option in engine.All.Concat(metrics.All))
            command.Options.Add(option);

        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            var config = common.LoadConfig(parse);
            var wanted = parse.GetValue(spiders) is { Length: > 0 } names ? names : config.Spiders.Keys.ToArray();
            var schedules = new Dictionary<string, SpiderSchedule>(StringComparer.Ordinal);
            foreach (var name in wanted)
            {
                if (SpiderSchedule.Of(config, name) is { } schedule)
                    schedules[name] = schedule;
                else if (parse.GetValue(spiders) is { Length: > 0 })
                    throw new ConfigurationException($"{config.Source}: spiders.{name} has no \"schedule\"; add one such as {{\"cron\": \"0 3 * * *\", \"timeZone\": \"UTC\"}}.");
            }
            if (schedules.Count == 0)
                throw new ConfigurationException($"{config.Source}: no spider entry has a \"schedule\"; add one such as \"schedule\": {{\"cron\": \"0 3 * * *\", \"timeZone\": \"Europe/London\"}}.");

            var planner = new CrawlPlanner(CommonOptions.Registry(environment), config);
            foreach (var name in schedules.Keys)
                planner.Plan(name, engine.Overrides(parse)); // bad settings fail now, not at 3 a.m.
            SinkEntry.ReadAll(config, CommonOptions.Sinks(environment)); // and so do bad sinks
            var columns = csvColumns.Parse(parse); // and bad columns

            await using var metricsEndpoint = await metrics.StartAsync(parse, environment, environment.StopToken).ConfigureAwait(false);
            var hosts = metricsEndpoint?.Attach(environment) ?? environment;
            var level = parse.GetValue(common.LogLevel) ?? LogLevel.Information;
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.ClearProviders().SetMinimumLevel(level).AddProvider(new Running.TextWriterLoggerProvider(environment.Error, level, environment.Time));
            builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(2));
            builder.Services.AddSingleton(environment.Time);
            builder.Services.AddSingleton(services =>
            {
                var loggers = services.GetRequiredService<ILoggerFactory>();
                var runner = state.Runner(parse, config, engine, columns, hosts, loggers);
                return new ScheduleLoop(schedules, runner, environment.Time, loggers.CreateLogger("scheduler"));
            });
            builder.Services.AddHostedService<SchedulerService>();
            using var host = builder.Build();

            var loop = host.Services.GetRequiredService<ScheduleLoop>();
            var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("scheduler");
            foreach (var (name, due) in loop.NextDue)
                log.LogInformation("{Spider}: {Cron} ({Zone}), next run {Due}.", name, schedules[name].Cron, schedules[name].TimeZone.Id, due is { } d ? TimeZoneInfo.ConvertTime(d, schedules[name].TimeZone).ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture) : "never");
            await host.RunAsync(environment.StopToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
