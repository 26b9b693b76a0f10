using AudioCrawl.Core;
using AudioCrawl.Sinks.Csv;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Sinks.Tests.Csv;

public sealed class CsvPartMergerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Merges_parts_in_order_and_keeps_each_pair_once()
    {
        await File.WriteAllTextAsync(_temp.File("a.csv"), "url,text\r\nhttps://a.test/1.wav,one\r\nhttps://a.test/2.wav,\"two, quoted\"\r\n");
        await File.WriteAllTextAsync(_temp.File("b.csv"), "url,text\r\nhttps://a.test/2.wav,\"two, quoted\"\r\nhttps://a.test/1.wav,another text\r\n");
        await File.WriteAllTextAsync(_temp.File("c.csv"), "url,text\r\n");

        var result = await CsvPartMerger.MergeAsync([_temp.File("a.csv"), _temp.File("b.csv"), _temp.File("c.csv")], new CsvPairSink(_temp.File("out.csv")));

        Assert.Equal((3, 4L, 3L, 1L), (result.Parts, result.RowsRead, result.RowsWritten, result.Duplicates));
        Assert.Equal(
            [("https://a.test/1.wav", "one"), ("https://a.test/2.wav", "two, quoted"), ("https://a.test/1.wav", "another text")],
            await CsvFile.ReadPairsWithPythonAsync(_temp.File("out.csv")));
    }

    [Fact]
    public async Task A_missing_part_is_named_before_anything_is_written()
    {
        await File.WriteAllTextAsync(_temp.File("a.csv"), "url,text\r\nhttps://a.test/1.wav,one\r\n");

        var error = await Assert.ThrowsAsync<CrawlerException>(() => CsvPartMerger.MergeAsync([_temp.File("a.csv"), _temp.File("gone.csv")], new CsvPairSink(_temp.File("out.csv"))));

        Assert.Contains("gone.csv: no such file", error.Message);
        Assert.False(File.Exists(_temp.File("out.csv")));
    }
}
