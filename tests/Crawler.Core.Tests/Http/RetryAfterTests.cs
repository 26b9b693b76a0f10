using Crawler.Core.Http;
using Xunit;

namespace Crawler.Core.Tests.Http;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2", 2)]
    [InlineData(" 120 ", 120)]
    [InlineData("Tue, 24 Nov 2026 12:00:30 GMT", 30)]
    [InlineData("Tue, 24 Nov 2026 11:00:00 GMT", 0)]
    public void Reads_delay_seconds_and_http_dates(string header, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfter.Parse(header, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Ignores_what_it_cannot_read(string? header) => Assert.Null(RetryAfter.Parse(header, Now));
}
