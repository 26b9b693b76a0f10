using System.Text.Json;

namespace Crawlers.YouTube;

/// <summary>The error body Google APIs answer with: <c>{"error": {"code", "message", "errors": [{"reason", "domain"}]}}</c>.</summary>
public sealed record DataApiError(int Status, string? Reason, string? Message)
{
    public bool IsQuotaExceeded => Reason is "quotaExceeded" or "dailyLimitExceeded" or "rateLimitExceeded" or "userRateLimitExceeded";

    public static DataApiError Parse(int status, ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var error = document.RootElement.Get("error") ?? default;
            if (error.ValueKind != JsonValueKind.Object)
                return new DataApiError(status, null, null);
            var reason = error.GetString("errors", "0", "reason") ?? error.GetString("status");
            return new DataApiError(status, reason, error.GetString("message"));
        }
        catch (JsonException)
        {
            return new DataApiError(status, null, null);
        }
    }
}
