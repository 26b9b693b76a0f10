using System.Text.Json;
using AudioCrawl.Core.Http;

namespace AudioCrawl.Crawlers;

internal static class ResponseJsonExtensions
{
    /// <summary>The body as JSON, or null when it is not JSON (a cut-short or garbled answer) — the caller counts it.</summary>
    public static JsonElement? JsonOrNull(this Response response)
    {
        try
        {
            return response.Json;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
