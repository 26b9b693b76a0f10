using Crawler.Abstractions.Spiders;
using Crawler.Core.Pipeline;
using Xunit;

namespace Crawler.Core.Tests.Pipeline;

public sealed class PairNormalizerTests
{
    [Theory]
    [InlineData("  hello   world \n", "hello world")]
    [InlineData("tab\tand\r\nnewline", "tab and newline")]
    [InlineData("ctrl\u0001char\u200B", "ctrlchar")]
    [InlineData("cafe\u0301", "café")]
    [InlineData("The person is saying \"hi, there\"", "The person is saying \"hi, there\"")]
    [InlineData("日本語 🎵", "日本語 🎵")]
    public void Normalizes_text(string raw, string expected) => Assert.Equal(expected, PairNormalizer.NormalizeText(raw));

    [Theory]
    [InlineData("ftp://files.test/a.mp3", "x", ItemDropReasons.InvalidUrl)]
    [InlineData("file:///etc/passwd", "x", ItemDropReasons.InvalidUrl)]
    [InlineData("http://a.test/a.mp3", "  \n\t ", ItemDropReasons.EmptyText)]
    public void Drops_invalid_pairs_with_a_reason(string url, string text, string reason)
    {
        Assert.Null(PairNormalizer.Normalize(new AudioPair(new Uri(url), text), out var dropped));
        Assert.Equal(reason, dropped);
    }

    [Fact]
    public void Drops_a_relative_url()
    {
        Assert.Null(PairNormalizer.Normalize(new AudioPair(new Uri("a.mp3", UriKind.Relative), "x"), out var dropped));
        Assert.Equal(ItemDropReasons.InvalidUrl, dropped);
    }

    [Theory]
    [InlineData("", "x", ItemDropReasons.InvalidUrl)]
    [InlineData("a.mp3", "x", ItemDropReasons.InvalidUrl)]
    [InlineData("ftp://files.test/a.mp3", "x", ItemDropReasons.InvalidUrl)]
    [InlineData("http://a.test/a.mp3", "\u200B \t", ItemDropReasons.EmptyText)]
    [InlineData("http://a.test/a.mp3", null, ItemDropReasons.EmptyText)]
    public void A_row_from_outside_a_crawl_is_dropped_by_the_same_rules(string url, string? text, string reason)
    {
        Assert.Null(PairNormalizer.Normalize(url, text, out var dropped));
        Assert.Equal(reason, dropped);
        Assert.NotEqual(reason, ItemDropReasons.Describe(reason));
    }

    [Fact]
    public void A_valid_row_comes_back_as_the_pipeline_would_write_it()
    {
        var pair = PairNormalizer.Normalize("https://a.test/a.mp3", "  two\n words ", out var dropped);

        Assert.Null(dropped);
        Assert.Equal(new AudioPair(new Uri("https://a.test/a.mp3"), "two words"), pair);
    }
}
