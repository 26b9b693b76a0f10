using AudioCrawl.Testing;
using Crawler.Core.Runs;
using Xunit;

namespace Crawler.Core.Tests.Runs;

public sealed class RunLockTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_second_run_cannot_take_the_lock_while_the_first_holds_it()
    {
        using var first = RunLock.TryAcquire(_temp.Path);

        using var second = RunLock.TryAcquire(_temp.Path);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.True(RunLock.IsHeld(_temp.Path));
    }

    [Fact]
    public void The_lock_is_free_again_once_released()
    {
        RunLock.TryAcquire(_temp.Path)!.Dispose();

        using var again = RunLock.TryAcquire(_temp.Path);

        Assert.NotNull(again);
    }
}
