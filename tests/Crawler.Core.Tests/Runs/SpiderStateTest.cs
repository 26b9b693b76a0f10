using AudioCrawl.Testing;
using Crawler.Core.Runs;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Crawler.Core.Tests.Runs;

/// <summary>A test with a spider state in a temporary folder and a fake clock at 2026-03-01.</summary>
public abstract class SpiderStateTest : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    protected SpiderState State { get; private set; } = null!;

    public async Task InitializeAsync() => State = await SpiderState.OpenAsync(_temp.Path);

    public async Task DisposeAsync()
    {
        await State.DisposeAsync();
        _temp.Dispose();
    }
}
