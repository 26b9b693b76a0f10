namespace AudioCrawl.Tests;

/// <summary>Runs the CLI in this process with the test spiders registered, capturing what it prints.</summary>
public static class Cli
{
    public static Task<AudioCrawl.Testing.ProcessResult> RunAsync(params string[] args) => RunAsync(configureHost: null, args);

    /// <summary>Runs the CLI with <paramref name="configureHost"/> adding to every crawl host it builds (an extension, say).</summary>
    public static async Task<AudioCrawl.Testing.ProcessResult> RunAsync(Action<Crawler.Core.Hosting.CrawlHostBuilder>? configureHost, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AudioCrawlCli.RunAsync(args, CliEnvironment.Capture(output, error, typeof(CatalogueSpider).Assembly) with { ConfigureHost = configureHost });
        return new AudioCrawl.Testing.ProcessResult(code, output.ToString(), error.ToString());
    }

    public static string RepositoryRoot() => AudioCrawl.Testing.RepositoryFiles.Root();
}
