using AudioCrawl.Core.Scheduling;
using AudioCrawl.Testing;

namespace AudioCrawl.Core.Tests.Scheduling;

public sealed class InMemoryFrontierTests : FrontierContract
{
    protected override Task<IFrontier> CreateAsync() => Task.FromResult<IFrontier>(new InMemoryFrontier());
}
