using AudioCrawl.Testing;
using Crawler.Abstractions;
using Sinks.Csv;
using Xunit;

namespace Sinks.Tests.Csv;

public sealed class CsvPairReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reads_url_and_text_by_header_name_and_keeps_extra_columns()
    {
        var path = _temp.File("in.csv");
        await File.WriteAllTextAsync(path, "text,license,url\r\n\"hello, world\",cc-by,https://a.test/1.mp3\r\n\"two\nlines\",,https://a.test/2.mp3\r\n");

        var rows = new List<CsvPairRow>();
        await foreach (var row in CsvPairReader.ReadAsync(path))
            rows.Add(row);

        Assert.Equal(2, rows.Count);
        Assert.Equal(("https://a.test/1.mp3", "hello, world"), (rows[0].Url, rows[0].Text));
        Assert.Equal("cc-by", rows[0].Extra["license"]);
        Assert.Equal("two\nlines", rows[1].Text);
        Assert.Equal(2, rows[0].Row);
    }

    [Fact]
    public async Task A_csv_without_a_url_column_is_a_clear_error()
    {
        var path = _temp.File("bad.csv");
        await File.WriteAllTextAsync(path, "link,caption\r\nx,y\r\n");
        var error = await Assert.ThrowsAsync<CrawlerException>(async () =>
        {
            await foreach (var _ in CsvPairReader.ReadAsync(path))
            {
            }
        });
        Assert.Contains("no 'url' column", error.Message);
    }
}
