using System.Globalization;
using Crawler.Abstractions.Http;

namespace Crawler.Core.Http;

/// <summary>Reads a Retry-After header: delay-seconds or an HTTP date (RFC 9110 10.2.3).</summary>
public static class RetryAfter
{
    public static TimeSpan? Of(Response response, TimeProvider time) =>
        Parse(response.Headers["Retry-After"], time.GetUtcNow());

    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(Math.Min(seconds, int.MaxValue));
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
