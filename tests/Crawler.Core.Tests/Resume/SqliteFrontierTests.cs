using AudioCrawl.Testing;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Scheduling;
using Crawler.Core.Scheduling;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Crawler.Core.Tests.Resume;

public sealed class SqliteFrontierTests : FrontierContract, IDisposable
{
    private readonly TempDirectory _temp = new();

    protected override async Task<IFrontier> CreateAsync() => await SqliteFrontier.OpenAsync(_temp.File($"{Guid.NewGuid():n}.db"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public async Task Keeps_pending_requests_and_seen_fingerprints_across_reopening()
    {
        var path = _temp.File("keep.db");
        await using (var first = await SqliteFrontier.OpenAsync(path))
        {
            await first.EnqueueAsync(new Request(new Uri("http://a.test/1"), "ParseOne").WithData(new { n = 1 }));
            await first.EnqueueAsync(new Request(new Uri("http://a.test/2")));
            await first.CompleteAsync((await first.DequeueAsync())!);
        }

        await using var second = await SqliteFrontier.OpenAsync(path);

        Assert.Equal(1, await second.CountAsync());
        Assert.False(await second.EnqueueAsync(new Request(new Uri("http://a.test/1"))));
        Assert.False(await second.EnqueueAsync(new Request(new Uri("http://a.test/2"))));
        Assert.Equal("/2", (await second.DequeueAsync())!.Url.AbsolutePath);
    }

    [Fact]
    public async Task Hands_out_again_the_requests_that_were_in_flight_when_the_process_died()
    {
        var path = _temp.File("inflight.db");
        await using (var first = await SqliteFrontier.OpenAsync(path))
        {
            await first.EnqueueAsync(new Request(new Uri("http://a.test/done")));
            await first.EnqueueAsync(new Request(new Uri("http://a.test/in-flight"), "ParseEntry") { Priority = 2 }.WithData(new { word = "ëa" }));
            await first.EnqueueAsync(new Request(new Uri("http://a.test/pending")));
            var inFlight = await first.DequeueAsync();
            Assert.Equal("/in-flight", inFlight!.Url.AbsolutePath);
            await first.CompleteAsync((await first.DequeueAsync())!);
        }

        await using var second = await SqliteFrontier.OpenAsync(path);
        var again = await second.DequeueAsync();

        Assert.Equal(1, second.Requeued);
        Assert.Equal("/in-flight", again!.Url.AbsolutePath);
        Assert.Equal("ParseEntry", again.Callback);
        Assert.Equal("ëa", again.Data!.Value.GetProperty("word").GetString());
        Assert.Equal("/pending", (await second.DequeueAsync())!.Url.AbsolutePath);
        Assert.Null(await second.DequeueAsync());
    }

    [Fact]
    public async Task Keeps_its_data_in_a_write_ahead_log()
    {
        var path = _temp.File("wal.db");
        await using var frontier = await SqliteFrontier.OpenAsync(path);
        await frontier.EnqueueAsync(new Request(new Uri("http://a.test/")));

        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        await check.OpenAsync();
        await using var command = check.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string)(await command.ExecuteScalarAsync())!);
    }
}
