using AudioCrawl.Testing;
using Crawler.Core.Pipeline;
using Xunit;

namespace Crawler.Core.Tests.Resume;

public sealed class SqlitePairKeyStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async IAsyncEnumerable<PairKey> Keys(params PairKey[] keys)
    {
        foreach (var key in keys)
            yield return key;
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Claims_a_key_once_even_after_reopening()
    {
        var path = _temp.File("pairs.db");
        var key = PairKey.Of("http://a.test/a.wav", "a");
        await using (var store = await SqlitePairKeyStore.OpenAsync(path))
        {
            Assert.True(await store.TryAddAsync(key));
            Assert.False(await store.TryAddAsync(key));
        }
        await using var reopened = await SqlitePairKeyStore.OpenAsync(path);
        Assert.False(await reopened.TryAddAsync(key));
        Assert.True(await reopened.TryAddAsync(PairKey.Of("http://a.test/b.wav", "b")));
    }

    [Fact]
    public async Task Reconciling_forgets_keys_whose_rows_never_reached_the_output_and_learns_those_that_did()
    {
        await using var store = await SqlitePairKeyStore.OpenAsync(_temp.File("pairs.db"));
        var written = PairKey.Of("http://a.test/1.wav", "one");
        var lost = PairKey.Of("http://a.test/2.wav", "two");
        var unclaimed = PairKey.Of("http://a.test/3.wav", "three");
        await store.TryAddAsync(written);
        await store.TryAddAsync(lost);

        Assert.Equal(2, await store.ReconcileAsync(Keys(written, unclaimed)));

        Assert.False(await store.TryAddAsync(written));
        Assert.False(await store.TryAddAsync(unclaimed));
        Assert.True(await store.TryAddAsync(lost));
    }
}
