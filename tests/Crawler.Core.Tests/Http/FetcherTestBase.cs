using AudioCrawl.Testing;
using Crawler.Abstractions.Configuration;
using Crawler.Core.Http;
using Xunit;

namespace Crawler.Core.Tests.Http;

/// <summary>A fresh loopback server for each test, and HTTP fetchers built from engine settings.</summary>
public abstract class FetcherTestBase : IAsyncLifetime
{
    protected LoopbackServer Server { get; set; } = null!;

    public async Task InitializeAsync() => Server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected static HttpFetcher Fetcher(EngineSettings? settings = null) => new(HttpFetcherOptions.From(settings ?? new EngineSettings()));
}
