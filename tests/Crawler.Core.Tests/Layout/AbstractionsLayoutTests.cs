using Crawler.Abstractions.Hosting;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Scheduling;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Hosting;
using Xunit;

namespace Crawler.Core.Tests.Layout;

/// <summary>Crawler.Abstractions holds what a spider or sink author needs, and pulls in nothing heavy.</summary>
public sealed class AbstractionsLayoutTests
{
    private static readonly System.Reflection.Assembly Abstractions = typeof(Spider).Assembly;

    [Fact]
    public void The_contracts_of_spider_and_sink_authors_live_in_Crawler_Abstractions()
    {
        Type[] contracts = [typeof(Spider), typeof(Spider<>), typeof(Request), typeof(Response), typeof(AudioPair), typeof(SpiderOutput), typeof(IFetcher),
            typeof(IFetchMiddleware), typeof(IPairSink), typeof(SinkAttribute), typeof(IFrontier), typeof(ISpiderState), typeof(SpiderContext)];

        Assert.Equal("Crawler.Abstractions", Abstractions.GetName().Name);
        Assert.All(contracts, type => Assert.Same(Abstractions, type.Assembly));
    }

    [Theory]
    [InlineData("Microsoft.Data.Sqlite")]
    [InlineData("SQLitePCLRaw.core")]
    [InlineData("Polly.Core")]
    [InlineData("Cronos")]
    [InlineData("JsonSchema.Net")]
    [InlineData("NJsonSchema")]
    [InlineData("Crawler.Core")]
    public void Crawler_Abstractions_does_not_reference(string assembly)
    {
        var references = Abstractions.GetReferencedAssemblies().Select(name => name.Name).ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(assembly, references);
    }

    [Fact]
    public void Crawler_Core_builds_on_Crawler_Abstractions()
    {
        Assert.Contains(typeof(CrawlHostBuilder).Assembly.GetReferencedAssemblies(), name => name.Name == "Crawler.Abstractions");
    }
}
