using System.Text.Json.Nodes;
using AudioCrawl.Testing;
using Crawler.Abstractions.Spiders;
using Sinks.Download;
using Xunit;

namespace Sinks.Tests.Download;

/// <summary>A pair of a live crawl and a row of a CSV become the same source: one conversion, the same segment columns.</summary>
public sealed class AudioSourceTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("start", "end")]
    [InlineData("start_time", "end_time")]
    public async Task A_csv_row_and_a_pair_with_the_same_facts_give_the_same_segment_and_key(string startColumn, string endColumn)
    {
        var csv = _temp.File("pairs.csv");
        await File.WriteAllTextAsync(csv, $"url,text,{startColumn},{endColumn}\r\nhttp://a.test/1.wav,one,1.5,4\r\n");
        var pair = new AudioPair(new Uri("http://a.test/1.wav"), "one") { OriginalData = new JsonObject { [startColumn] = 1.5, [endColumn] = "4" } };

        var row = await CsvAudioSources.ReadAsync(csv).SingleAsync();
        var fromPair = AudioSource.Of(1, pair.Url.AbsoluteUri, pair.Text, pair.OriginalData!, pair.Url.AbsoluteUri);

        Assert.Equal(new AudioSegment(1.5, 4), row.Segment);
        Assert.Equal(row.Segment, fromPair.Segment);
        Assert.Equal(row.Key, fromPair.Key);
        Assert.Null(row.Problem);
    }

    [Fact]
    public void A_segment_that_ends_before_it_starts_is_the_source_problem_naming_where()
    {
        var source = AudioSource.Of(7, "http://a.test/1.wav", "one", new JsonObject { ["start_time"] = "5", ["end_time"] = "2" }, "pairs.csv row 7");

        Assert.Null(source.Segment);
        Assert.StartsWith("pairs.csv row 7: the segment end 2 s is not after its start 5 s", source.Problem);
    }

    [Theory]
    [InlineData("http://a.test/1.wav", " \t\u200B ", "the text is empty")]
    [InlineData("", "one", "the url is not an absolute http(s) URL")]
    [InlineData("audio/1.wav", "one", "the url is not an absolute http(s) URL")]
    [InlineData("ftp://a.test/1.wav", "one", "the url is not an absolute http(s) URL")]
    public void A_row_the_item_pipeline_would_refuse_is_the_source_problem_naming_the_row_and_reason(string url, string text, string reason)
    {
        var source = AudioSource.Of(3, url, text, [], "pairs.csv row 3");

        Assert.StartsWith($"pairs.csv row 3: {reason}", source.Problem);
    }

    [Fact]
    public async Task A_csv_row_with_empty_text_is_refused_as_the_crawl_pipeline_refuses_it()
    {
        var csv = _temp.File("pairs.csv");
        await File.WriteAllTextAsync(csv, "url,text\r\nhttp://a.test/1.wav,one\r\nhttp://a.test/2.wav,\r\n");

        var rows = await CsvAudioSources.ReadAsync(csv).ToListAsync();

        Assert.Null(rows[0].Problem);
        Assert.StartsWith($"{csv} row 3: the text is empty", rows[1].Problem);
    }
}
