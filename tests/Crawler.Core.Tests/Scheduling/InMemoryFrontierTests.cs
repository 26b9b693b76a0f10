using AudioCrawl.Testing;
using Crawler.Abstractions.Scheduling;
using Crawler.Core.Scheduling;

namespace Crawler.Core.Tests.Scheduling;

public sealed class InMemoryFrontierTests : FrontierContract
{
    protected override Task<IFrontier> CreateAsync() => Task.FromResult<IFrontier>(new InMemoryFrontier());
}
