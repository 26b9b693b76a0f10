using Crawlers.YouTube;
using Xunit;

namespace Crawlers.Tests.YouTube;

public sealed class YouTubeTextTests
{
    [Theory]
    [InlineData("4:13", 253)]
    [InlineData("1:02:03", 3723)]
    [InlineData("0:07", 7)]
    [InlineData("PT4M13S", 253)]
    [InlineData("PT1H", 3600)]
    [InlineData("P0D", 0)]
    [InlineData("LIVE", null)]
    [InlineData("Upcoming", null)]
    [InlineData(null, null)]
    public void Parses_clock_and_iso_durations(string? text, int? seconds) => Assert.Equal(seconds, YouTubeText.ParseDuration(text));

    [Theory]
    [InlineData("1,234,567 views", 1234567L)]
    [InlineData("1.2M views", 1200000L)]
    [InlineData("12K views", 12000L)]
    [InlineData("321 watching", 321L)]
    [InlineData("No views", 0L)]
    [InlineData("views", null)]
    public void Parses_view_counts(string text, long? count) => Assert.Equal(count, YouTubeText.ParseCount(text));

    [Fact]
    public void Collapses_whitespace_and_keeps_emoji() =>
        Assert.Equal("Dawn chorus 🐦 at 5", YouTubeText.NormalizeTitle("  Dawn\tchorus\n🐦  at 5 \r\n"));
}
