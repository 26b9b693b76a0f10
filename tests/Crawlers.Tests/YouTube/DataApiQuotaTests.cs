using Crawlers.YouTube;
using Xunit;

namespace Crawlers.Tests.YouTube;

public sealed class DataApiQuotaTests
{
    [Theory]
    [InlineData("2026-12-01T10:00:00Z", "2026-12-02T08:00:00Z")] // PST: midnight is 08:00 UTC
    [InlineData("2026-12-02T07:59:00Z", "2026-12-02T08:00:00Z")] // still the evening before in California
    [InlineData("2026-07-01T10:00:00Z", "2026-07-02T07:00:00Z")] // PDT: midnight is 07:00 UTC
    [InlineData("2026-03-08T06:00:00Z", "2026-03-08T08:00:00Z")] // the night summer time starts, midnight is still PST
    public void The_quota_resets_at_the_next_midnight_pacific_time(string now, string reset) =>
        Assert.Equal(DateTimeOffset.Parse(reset, System.Globalization.CultureInfo.InvariantCulture), DataApiQuota.NextReset(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
}
