using AudioCrawl.Dashboard;
using AudioCrawl.Testing;
using Crawler.Abstractions.Http;
using Crawler.Core.Engine;
using Xunit;

namespace AudioCrawl.Tests.Dashboard;

public sealed class FailureTailTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Counts_every_failure_and_returns_the_newest_first_skipping_a_torn_last_line()
    {
        var path = _temp.File(FailureLog.FileName);
        await using (var log = new FailureLog(path, TimeProvider.System))
        {
            for (var i = 0; i < 30; i++)
                await log.RecordAsync(new Request(new Uri($"http://127.0.0.1/page/{i}")), "connection", $"reset {i}");
        }
        await File.AppendAllTextAsync(path, "{\"time\":\"2026-");

        var tail = await FailureTail.ReadAsync(path, count: 5);

        Assert.Equal(30, tail.Total);
        Assert.Equal(["http://127.0.0.1/page/29", "http://127.0.0.1/page/28", "http://127.0.0.1/page/27", "http://127.0.0.1/page/26"],
            tail.Newest.Select(f => f.Request.Url.AbsoluteUri));
    }

    [Fact]
    public async Task A_job_without_failures_has_none()
    {
        var tail = await FailureTail.ReadAsync(_temp.File("missing.jsonl"), 10);

        Assert.Equal(0, tail.Total);
        Assert.Empty(tail.Newest);
    }
}
