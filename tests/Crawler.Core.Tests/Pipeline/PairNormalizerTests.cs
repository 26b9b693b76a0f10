using AudioCrawl.Core.Pipeline;
using AudioCrawl.Core.Spiders;
using Xunit;

namespace AudioCrawl.Core.Tests.Pipeline;

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
}
