using AudioCrawl.Testing;
using Crawler.Abstractions;
using Sinks.Csv;
using Xunit;

namespace Sinks.Tests.Csv;

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

    [Fact]
    public async Task Rows_the_item_pipeline_would_refuse_are_skipped_and_named_with_part_row_and_reason()
    {
        await File.WriteAllTextAsync(_temp.File("a.csv"), "url,text\r\nhttps://a.test/1.wav,one\r\nhttps://a.test/2.wav,\" \t \"\r\n");
        await File.WriteAllTextAsync(_temp.File("b.csv"), "url,text\r\nftp://a.test/3.wav,three\r\nhttps://a.test/4.wav,\"  four\n  words \"\r\n");

        var result = await CsvPartMerger.MergeAsync([_temp.File("a.csv"), _temp.File("b.csv")], new CsvPairSink(_temp.File("out.csv")));

        Assert.Equal((4L, 2L, 0L), (result.RowsRead, result.RowsWritten, result.Duplicates));
        Assert.Equal(2, result.BadRows.Count);
        Assert.StartsWith($"{_temp.File("a.csv")} row 3: the text is empty", result.BadRows[0]);
        Assert.StartsWith($"{_temp.File("b.csv")} row 2: the url is not an absolute http(s) URL", result.BadRows[1]);
        Assert.Equal([("https://a.test/1.wav", "one"), ("https://a.test/4.wav", "four words")], await CsvFile.ReadPairsWithPythonAsync(_temp.File("out.csv")));
    }

    [Fact]
    public async Task A_part_without_a_text_column_is_named_before_the_output_is_written()
    {
        await File.WriteAllTextAsync(_temp.File("a.csv"), "url,text\r\nhttps://a.test/1.wav,one\r\n");
        await File.WriteAllTextAsync(_temp.File("b.csv"), "url,caption\r\nhttps://a.test/2.wav,two\r\n");

        var error = await Assert.ThrowsAsync<CrawlerException>(() => CsvPartMerger.MergeAsync([_temp.File("a.csv"), _temp.File("b.csv")], new CsvPairSink(_temp.File("out.csv"))));

        Assert.Contains("b.csv: the header has no 'text' column", error.Message);
        Assert.False(File.Exists(_temp.File("out.csv")));
    }
}
