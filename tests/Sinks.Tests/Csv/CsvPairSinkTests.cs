using System.Text;
using AudioCrawl.Testing;
using Crawler.Abstractions;
using Crawler.Abstractions.Spiders;
using Sinks.Csv;
using Xunit;

namespace Sinks.Tests.Csv;

public sealed class CsvPairSinkTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly (string Url, string Text)[] Awkward =
    [
        ("https://a.test/1.mp3", "plain"),
        ("https://a.test/2.mp3", "comma, inside"),
        ("https://a.test/3.mp3", "say \"hello\""),
        ("https://a.test/4.mp3", "line one\nline two\r\nline three"),
        ("https://a.test/5.mp3", "日本語 café naïve Ελληνικά"),
        ("https://a.test/6.mp3", "emoji 🎵🌬️ and ZWJ 👩‍👩‍👧"),
        ("https://a.test/7.mp3", "=1+2 looks like a formula"),
        ("https://a.test/a%20b.mp3?x=1&y=2", " leading and trailing "),
    ];

    private async Task<string> WriteAsync(string name, IEnumerable<(string Url, string Text)> rows, CsvSinkMode mode = CsvSinkMode.CreateNew)
    {
        var path = _temp.File(name);
        await using var sink = new CsvPairSink(path, mode);
        await sink.OpenAsync();
        foreach (var (url, text) in rows)
            await sink.WriteAsync(new AudioPair(new Uri(url), text));
        await sink.FlushAsync();
        return path;
    }

    [Fact]
    public async Task Writes_a_header_and_rows_that_survive_a_round_trip_through_CsvHelper_and_Python()
    {
        var path = await WriteAsync("pairs.csv", Awkward);

        Assert.Equal(Awkward, CsvFile.ReadPairs(path));
        Assert.Equal(Awkward, await CsvFile.ReadPairsWithPythonAsync(path));
    }

    [Fact]
    public async Task Writes_utf8_without_bom_with_crlf_line_ends_and_quotes_only_when_needed()
    {
        var path = await WriteAsync("format.csv", [("https://a.test/1.mp3", "plain"), ("https://a.test/2.mp3", "a,b")]);
        var bytes = await File.ReadAllBytesAsync(path);

        Assert.False(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]));
        Assert.Equal("url,text\r\nhttps://a.test/1.mp3,plain\r\nhttps://a.test/2.mp3,\"a,b\"\r\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Flushed_rows_are_on_disk_before_the_sink_is_closed()
    {
        var path = _temp.File("live.csv");
        await using var sink = new CsvPairSink(path);
        await sink.OpenAsync();
        await sink.WriteAsync(new AudioPair(new Uri("https://a.test/1.mp3"), "first"));
        await sink.FlushAsync();

        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = await new StreamReader(reader).ReadToEndAsync();
        Assert.Equal("url,text\r\nhttps://a.test/1.mp3,first\r\n", text);
    }

    [Fact]
    public async Task Refuses_to_overwrite_an_existing_file_unless_asked()
    {
        var path = await WriteAsync("existing.csv", [("https://a.test/1.mp3", "old")]);

        var sink = new CsvPairSink(path);
        var error = await Assert.ThrowsAsync<CrawlerException>(() => sink.OpenAsync());
        Assert.Contains("exists already; pass --overwrite", error.Message);
        Assert.Equal([("https://a.test/1.mp3", "old")], CsvFile.ReadPairs(path));

        await WriteAsync("existing.csv", [("https://a.test/2.mp3", "new")], CsvSinkMode.Overwrite);
        Assert.Equal([("https://a.test/2.mp3", "new")], CsvFile.ReadPairs(path));
    }

    [Fact]
    public async Task Appending_adds_rows_under_the_one_header()
    {
        var path = await WriteAsync("appended.csv", [("https://a.test/1.mp3", "one")]);
        await WriteAsync("appended.csv", [("https://a.test/2.mp3", "two")], CsvSinkMode.Append);
        await WriteAsync("fresh.csv", [("https://a.test/3.mp3", "three")], CsvSinkMode.Append);

        Assert.Equal([("https://a.test/1.mp3", "one"), ("https://a.test/2.mp3", "two")], CsvFile.ReadPairs(path));
        Assert.Equal([("https://a.test/3.mp3", "three")], CsvFile.ReadPairs(_temp.File("fresh.csv")));
    }

    [Fact]
    public async Task An_unwritable_path_is_a_clear_error()
    {
        var missingFolder = new CsvPairSink(Path.Combine(_temp.Path, "no", "such", "dir", "x.csv"));
        Assert.Contains("does not exist", (await Assert.ThrowsAsync<CrawlerException>(() => missingFolder.OpenAsync())).Message);

        var folder = new CsvPairSink(_temp.Path, CsvSinkMode.Overwrite);
        Assert.Contains("is a directory", (await Assert.ThrowsAsync<CrawlerException>(() => folder.OpenAsync())).Message);
    }
}
