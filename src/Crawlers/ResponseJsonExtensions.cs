using System.Text.Json;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Microsoft.Extensions.Logging;

namespace Crawlers;

internal static class ResponseJsonExtensions
{
    /// <summary>The body as JSON, or null when it is not JSON (a cut-short or garbled answer).</summary>
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

    /// <summary>
    /// The body as a JSON object, or null after counting <c>{statPrefix}malformed_response</c> and warning that the
    /// listing it belonged to ends there (the crawl goes on with the others).
    /// </summary>
    public static JsonElement? JsonObjectOrCounted(this Response response, SpiderContext context, string statPrefix, string listing)
    {
        if (response.JsonOrNull() is { ValueKind: JsonValueKind.Object } root)
            return root;
        context.Stats.Custom.Increment(statPrefix + "malformed_response");
        context.Logger.LogWarning("{Url}: the answer is not JSON; the listing of {Listing} ends here", response.Url, listing);
        return null;
    }
}
