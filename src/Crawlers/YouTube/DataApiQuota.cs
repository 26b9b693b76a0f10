namespace Crawlers.YouTube;

/// <summary>The YouTube Data API's daily quota resets at midnight Pacific Time (PST or PDT, whichever is in force).</summary>
public static class DataApiQuota
{
    /// <summary>Used when the machine has no time zone database: Pacific Standard Time, which resets an hour late in summer.</summary>
    private static readonly TimeSpan StandardOffset = TimeSpan.FromHours(-8);

    /// <summary>The first midnight Pacific Time after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextReset(DateTimeOffset now)
    {
        var pacific = Pacific();
        var local = pacific is null ? now.ToOffset(StandardOffset) : TimeZoneInfo.ConvertTime(now, pacific);
        var midnight = local.Date.AddDays(1);
        var offset = pacific?.GetUtcOffset(midnight) ?? StandardOffset;
        return new DateTimeOffset(midnight, offset).ToUniversalTime();
    }

    private static TimeZoneInfo? Pacific()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
