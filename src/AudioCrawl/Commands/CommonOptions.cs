using System.CommandLine;
using Crawler.Core.Configuration;
using Crawler.Core.Pipeline;
using Crawler.Core.Spiders;
using Microsoft.Extensions.Logging;
using Sinks.Csv;

namespace AudioCrawl.Commands;

/// <summary>Options every command takes, and the loading they share.</summary>
public sealed class CommonOptions
{
    public Option<string?> Config { get; } = new("--config")
    {
        Description = $"Path of the configuration file (default ./{CrawlerConfig.DefaultFileName}).",
        Recursive = true,
    };

    public Option<LogLevel?> LogLevel { get; } = new("--log-level")
    {
        Description = "trace, debug, information, warning, error, critical or none (default: warning on a terminal, information otherwise).",
        Recursive = true,
    };

    public CrawlerConfig LoadConfig(ParseResult parse)
    {
        var given = parse.GetValue(Config);
        return CrawlerConfig.Load(given ?? CrawlerConfig.DefaultFileName, pathWasGiven: given is not null);
    }

    public static SpiderRegistry Registry(CliEnvironment environment) => new(environment.SpiderAssemblies);

    /// <summary>The sink types crawlers.json may name: the built-in ones and those of the spider assemblies.</summary>
    public static SinkRegistry Sinks(CliEnvironment environment) => new([.. environment.SpiderAssemblies, typeof(CsvPairSink).Assembly]);

    public ILoggerFactory CreateLoggers(ParseResult parse, CliEnvironment environment)
    {
        var level = parse.GetValue(LogLevel) ?? (environment.Interactive ? Microsoft.Extensions.Logging.LogLevel.Warning : Microsoft.Extensions.Logging.LogLevel.Information);
        return LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddProvider(new Running.TextWriterLoggerProvider(environment.Error, level, environment.Time)));
    }
}
