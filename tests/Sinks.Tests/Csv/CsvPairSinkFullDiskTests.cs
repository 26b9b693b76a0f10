using System.Text;
using AudioCrawl.Testing;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Storage;
using Sinks.Csv;
using Xunit;

namespace Sinks.Tests.Csv;

/// <summary>A full disk under the CSV sink: the file keeps whole rows only, and the sink says how many.</summary>
public sealed class CsvPairSinkFullDiskTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static AudioPair Pair(int i) => new(new Uri($"https://a.test/{i}.mp3"), i % 3 == 0 ? $"line one\r\nline \"two\", {i}" : $"row {i}");

    /// <summary>Batches of three rows, flushed one by one, to a disk that holds <paramref name="capacity"/> bytes.</summary>
    private async Task<(FullDiskStream Disk, CsvPairSink Sink, int Flushed, StorageWriteException? Failure)> FillAsync(long capacity, int batches = 6)
    {
        var disk = new FullDiskStream(capacity);
        var sink = new CsvPairSink(_temp.File("pairs.csv"), CsvSinkMode.Overwrite) { OpenFile = (_, _) => disk };
        await sink.OpenAsync();
        var flushed = 0;
        for (var batch = 0; batch < batches; batch++)
        {
            for (var i = 0; i < 3; i++)
                await sink.WriteAsync(Pair(batch * 3 + i));
            try
            {
                await sink.FlushAsync();
                flushed += 3;
            }
            catch (StorageWriteException ex)
            {
                return (disk, sink, flushed, ex);
            }
        }
        return (disk, sink, flushed, null);
    }

    [Fact]
    public async Task A_disk_that_fills_on_any_byte_leaves_the_rows_of_the_flushed_batches_and_no_torn_row()
    {
        var (whole, wholeSink, _, _) = await FillAsync(long.MaxValue);
        await wholeSink.DisposeAsync();
        var size = whole.Contents.Length;
        for (var capacity = 0; capacity < size; capacity += 7)
        {
            var (disk, sink, flushed, failure) = await FillAsync(capacity);
            await sink.DisposeAsync();

            Assert.NotNull(failure);
            Assert.True(failure.DiskFull);
            Assert.Contains(_temp.File("pairs.csv") + ": disk full (No space left on device)", failure.Message, StringComparison.Ordinal);
            Assert.Equal(flushed, sink.RowsWritten);
            var path = _temp.File($"at-{capacity}.csv");
            await File.WriteAllBytesAsync(path, disk.Contents);
            if (flushed == 0)
            {
                Assert.Empty(disk.Contents);
                continue;
            }
            var rows = CsvFile.ReadPairs(path);
            Assert.Equal(Enumerable.Range(0, flushed).Select(i => (Pair(i).Url.AbsoluteUri, Pair(i).Text)), rows);
            Assert.EndsWith("\r\n", Encoding.UTF8.GetString(disk.Contents), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task After_a_failed_write_the_sink_takes_no_more_rows_and_closing_adds_nothing()
    {
        var (disk, sink, flushed, failure) = await FillAsync(400);
        Assert.NotNull(failure);
        var length = disk.Contents.Length;

        await Assert.ThrowsAsync<InvalidOperationException>(() => sink.WriteAsync(Pair(99)).AsTask());
        disk.Room = long.MaxValue;
        await sink.DisposeAsync();

        Assert.Equal(length, disk.Contents.Length);
        Assert.Equal(flushed, sink.RowsWritten);
    }

    [Fact]
    public async Task On_a_real_full_disk_the_csv_ends_with_its_last_whole_row()
    {
        if (TmpfsMount.Unavailable)
            return;
        using var mount = TmpfsMount.Mount(_temp.File("disk"), 32);
        var path = Path.Combine(mount.Path, "pairs.csv");
        var sink = new CsvPairSink(path);
        await sink.OpenAsync();
        StorageWriteException? failure = null;
        for (var batch = 0; failure is null && batch < 10_000; batch++)
        {
            for (var i = 0; i < 7; i++)
                await sink.WriteAsync(Pair(batch * 7 + i));
            try
            {
                await sink.FlushAsync();
            }
            catch (StorageWriteException ex)
            {
                failure = ex;
            }
        }
        await sink.DisposeAsync();

        Assert.NotNull(failure);
        Assert.True(failure.DiskFull, failure.Message);
        Assert.StartsWith($"{path}: disk full", failure.Message, StringComparison.Ordinal);
        var rows = CsvFile.ReadPairs(path);
        Assert.Equal(sink.RowsWritten, rows.Count);
        Assert.Equal(rows, await CsvFile.ReadPairsWithPythonAsync(path));
        Assert.Equal(0, rows.Count % 7);
    }
}
