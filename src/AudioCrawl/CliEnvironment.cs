using System.Reflection;
using Crawler.Core.Hosting;
using Crawlers.SoundLibrary;

namespace AudioCrawl;

/// <summary>What the CLI runs with: where it writes, whether a person is watching, which assemblies hold spiders, and the clock.</summary>
public sealed record CliEnvironment(TextWriter Out, TextWriter Error, bool Interactive, IReadOnlyList<Assembly> SpiderAssemblies, TimeProvider Time)
{
    /// <summary>Stop crawls on Ctrl+C (SIGINT) and SIGTERM; a second signal abandons in-flight requests at once.</summary>
    public bool ListensForSignals { get; init; }

    /// <summary>Cancelled to ask a crawl to stop gracefully, as Ctrl+C does (for embedding and tests).</summary>
    public CancellationToken StopToken { get; init; }

    /// <summary>Adds to every crawl host the commands build (middlewares, fetchers, sinks, extensions), for embedding and tests.</summary>
    public Action<CrawlHostBuilder>? ConfigureHost { get; init; }

    /// <summary>The arguments the CLI was started with, which a crawl's live feed shows (for the next command to run).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public static IReadOnlyList<Assembly> BuiltInSpiderAssemblies { get; } = [typeof(SoundLibrarySpider).Assembly];

    public static CliEnvironment FromConsole() => new(
        Console.Out,
        Console.Error,
        Interactive: !Console.IsOutputRedirected && !Console.IsErrorRedirected,
        BuiltInSpiderAssemblies,
        TimeProvider.System)
    {
        ListensForSignals = true,
    };

    /// <summary>A console-free environment writing to the given writers, for tests and embedding.</summary>
    public static CliEnvironment Capture(TextWriter output, TextWriter error, params Assembly[] extraSpiderAssemblies) => new(
        output,
        error,
        Interactive: false,
        [.. BuiltInSpiderAssemblies, .. extraSpiderAssemblies],
        TimeProvider.System);
}
