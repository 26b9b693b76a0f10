using System.Text;
using AudioCrawl.Testing;
using Crawler.Abstractions.Spiders;
using Sinks.Csv;
using Xunit;

namespace Sinks.Tests.Resume;

public sealed class CsvTailRepairTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private const string Complete = "url,text\r\nhttp://a.test/1.wav,one\r\nhttp://a.test/2.wav,\"two, \"\"quoted\"\"\r\nwith a line break\"\r\n";

    [Theory]
    [InlineData("http://a.test/3.wav,thr")]
    [InlineData("http://a.test/3.wav,\"three\r\nhalf")]
    [InlineData("http://a.test/3.wav,\"three \"\"")]
    [InlineData("http://a.test/3.wav,three\r")]
    [InlineData("http:")]
    public async Task Cuts_a_torn_last_row_even_inside_a_quoted_line_break(string torn)
    {
        var path = _temp.File("torn.csv");
        await File.WriteAllTextAsync(path, Complete + torn);

        var cut = await CsvTailRepair.RepairAsync(path);

        Assert.Equal(Encoding.UTF8.GetByteCount(torn), cut);
        Assert.Equal(Complete, await File.ReadAllTextAsync(path));
        Assert.Equal(torn, await File.ReadAllTextAsync(path + ".torn"));
        Assert.Equal(2, CsvFile.ReadPairs(path).Count);
    }

    [Fact]
    public async Task Leaves_a_file_that_ends_cleanly_alone()
    {
        var path = _temp.File("clean.csv");
        await File.WriteAllTextAsync(path, Complete);

        Assert.Equal(0, await CsvTailRepair.RepairAsync(path));
        Assert.Equal(Complete, await File.ReadAllTextAsync(path));
        Assert.False(File.Exists(path + ".torn"));
    }

    [Fact]
    public async Task Appending_to_a_torn_file_gives_a_valid_csv_that_Python_reads()
    {
        var path = _temp.File("append.csv");
        await File.WriteAllTextAsync(path, Complete + "http://a.test/3.wav,\"thr");
        var sink = new CsvPairSink(path, CsvSinkMode.Append);

        await sink.OpenAsync();
        await sink.WriteAsync(new AudioPair(new Uri("http://a.test/3.wav"), "three\nlines, \"quoted\""));
        await sink.DisposeAsync();

        var rows = await CsvFile.ReadPairsWithPythonAsync(path);
        Assert.Equal(3, rows.Count);
        Assert.Equal(("http://a.test/3.wav", "three\nlines, \"quoted\""), rows[2]);
        Assert.Equal(rows, CsvFile.ReadPairs(path));
        Assert.True(sink.RepairedBytes > 0);
    }

    [Fact]
    public async Task A_torn_header_is_written_again()
    {
        var path = _temp.File("header.csv");
        await File.WriteAllTextAsync(path, "url,te");
        var sink = new CsvPairSink(path, CsvSinkMode.Append);

        await sink.OpenAsync();
        await sink.WriteAsync(new AudioPair(new Uri("http://a.test/1.wav"), "one"));
        await sink.DisposeAsync();

        Assert.Equal("url,text\r\nhttp://a.test/1.wav,one\r\n", await File.ReadAllTextAsync(path));
    }
}
