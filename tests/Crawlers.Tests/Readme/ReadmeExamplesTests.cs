using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using AudioCrawl.Testing.Extending;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;
using Crawler.Core.Spiders;
using Crawlers.SoundLibrary;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Sinks.Csv;
using Xunit;

namespace Crawlers.Tests.Readme;

/// <summary>
/// README's code is the tested code: "Write your first spider" quotes the sound library spider that its tests crawl,
/// and the host of "Extend the engine" runs here as written, with the middleware and fetcher the README shows.
/// </summary>
public sealed class ReadmeExamplesTests : IAsyncLifetime
{
    private const string ThisFile = "tests/Crawlers.Tests/Readme/ReadmeExamplesTests.cs";
    private readonly SoundLibrarySite _site = new(new SoundCatalogue(12));
    private readonly TempDirectory _temp = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(_site);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public void The_first_spider_of_the_readme_is_the_sound_library_spider_as_committed()
    {
        var source = RepositoryFiles.Read("src/Crawlers/SoundLibrary/SoundLibrarySettings.cs") + RepositoryFiles.Read("src/Crawlers/SoundLibrary/SoundLibrarySpider.cs");

        RepositoryFiles.AssertQuotes(source, RepositoryFiles.ReadmeCodeBlocks("## Write your first spider")[0], "the first spider");
    }

    [Fact]
    public void The_middleware_and_fetcher_of_extend_the_engine_are_the_tested_classes()
    {
        var blocks = RepositoryFiles.ReadmeCodeBlocks("## Extend the engine");

        RepositoryFiles.AssertQuotes(RepositoryFiles.Read(ThisFile), blocks[0], "the crawl host");
        RepositoryFiles.AssertQuotes(RepositoryFiles.Read("tests/AudioCrawl.Testing/Extending/CrawlIdHeaderMiddleware.cs"), blocks[1], "a fetch middleware");
        RepositoryFiles.AssertQuotes(RepositoryFiles.Read("tests/AudioCrawl.Testing/Extending/MobileFetcher.cs"), blocks[2], "a fetcher");
    }

    [Fact]
    public async Task The_crawl_host_of_extend_the_engine_runs_as_written_and_the_server_sees_every_registration()
    {
        var plan = new CrawlPlanner(new SpiderRegistry([typeof(SoundLibrarySpider).Assembly]), CrawlerConfig.Empty)
            .Plan("sounds", [new("baseUrl", _server.BaseUrl.AbsoluteUri), new("delay", "0"), new("fetcher", "mine")]);
        var loggers = NullLoggerFactory.Instance;
        var output = _temp.File("pairs.csv");

        await using var host = CrawlHostBuilder.For(plan, loggers, TimeProvider.System)
            .AddHttpFetcher()
            .AddFetchMiddleware<CrawlIdHeaderMiddleware>()   // a step of the fetch pipeline
            .AddFetcher<MobileFetcher>("mine")               // serves requests with Fetcher = "mine" (or --set fetcher=mine)
            .AddExtension<SignalRecorder>()                  // receives the crawl's signals
            .AddCsvSink(new CsvSinkSettings { Path = output })
            .Build();                                        // a default fetcher nobody registered fails here, before any request
        var result = await host.RunAsync(plan);

        Assert.Equal(CrawlOutcome.Finished, result.Outcome);
        Assert.Equal(_site.ExpectedPairs(_server.BaseUrl).ToHashSet(), CsvFile.ReadPairs(output).ToHashSet());
        Assert.All(_server.Log, r => Assert.Equal("nightly-42", r.Headers.GetValueOrDefault("X-Crawl-Id")));
        Assert.All(_server.Log.Where(r => r.PathAndQuery != "/robots.txt"), r => Assert.Equal("AudioCrawl-mobile/1 (Android)", r.UserAgent));
        var signals = host.Services.GetRequiredService<SignalRecorder>().Signals.ToList();
        Assert.Equal("started sounds", signals[0]);
        Assert.Equal(["idle", "finished finished"], signals[^2..]);
    }
}
