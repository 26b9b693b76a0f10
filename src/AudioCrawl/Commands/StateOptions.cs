using System.CommandLine;
using AudioCrawl.Scheduling;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Commands;

/// <summary>--state-dir and --rebuild-job, shared by the commands of scheduled and incremental runs.</summary>
public sealed class StateOptions
{
    public const string DefaultDirectory = "state";

    public Option<string> StateDir { get; } = new("--state-dir")
    {
        Description = $"Where spiders keep their runs: DIR/<spider>/ holds state.db, the run-stamped CSVs and the job of an unfinished run (default ./{DefaultDirectory}).",
        DefaultValueFactory = _ => DefaultDirectory,
    };

    public RebuildJobOption RebuildJob { get; } = new();

    /// <summary>The runner of incremental runs for this command line: its config, engine flags, CSV columns and state directory.</summary>
    public SpiderRunner Runner(ParseResult parse, CrawlerConfig config, EngineOptions engine, IReadOnlyList<string> csvColumns, CliEnvironment environment, ILoggerFactory loggers, Action<CrawlEngine>? onStarted = null)
    {
        var planner = new CrawlPlanner(CommonOptions.Registry(environment), config);
        var overrides = engine.Overrides(parse);
        return new SpiderRunner(parse.GetValue(StateDir)!, config, name => planner.Plan(name, overrides), plan => Running.CrawlHosts.ForCrawl(plan, config, environment, loggers), loggers, environment.Time, onStarted, csvColumns, RebuildJob.Parse(parse));
    }
}
