using System.Text;
using System.Text.Json;

namespace Crawlers.YouTube;

/// <summary>
/// Finds the JSON a YouTube page embeds in its scripts (<c>var ytInitialData = {…};</c>,
/// <c>var ytInitialPlayerResponse = {…};</c>, <c>ytcfg.set({…});</c>) by scanning the UTF-8 bytes and letting
/// <see cref="Utf8JsonReader"/> find where the object ends, so a multi-megabyte page is never turned into a string
/// or matched with a regular expression.
/// </summary>
public static class YouTubePageExtractor
{
    private static readonly byte[][] InitialDataMarkers = [.. new[] { "var ytInitialData", "window[\"ytInitialData\"]", "window['ytInitialData']", "ytInitialData =" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[][] PlayerResponseMarkers = [.. new[] { "var ytInitialPlayerResponse", "window[\"ytInitialPlayerResponse\"]", "ytInitialPlayerResponse =" }.Select(Encoding.UTF8.GetBytes)];
    private static readonly byte[] YtcfgSet = "ytcfg.set("u8.ToArray();

    /// <summary>ytInitialData nests deeper than System.Text.Json's default limit of 64 on some pages.</summary>
    public const int MaxDepth = 256;

    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = MaxDepth };

    public static JsonDocument? InitialData(ReadOnlySpan<byte> html) => FirstObjectAfter(html, InitialDataMarkers);

    public static JsonDocument? PlayerResponse(ReadOnlySpan<byte> html) => FirstObjectAfter(html, PlayerResponseMarkers);

    /// <summary>The WEB client announced by every <c>ytcfg.set({...})</c> on the page, merged; the fallback when there is none.</summary>
    public static InnertubeClient Client(ReadOnlySpan<byte> html)
    {
        var client = InnertubeClient.Fallback;
        var rest = html;
        while (true)
        {
            var at = rest.IndexOf(YtcfgSet);
            if (at < 0)
                return client;
            rest = rest[(at + YtcfgSet.Length)..];
            var start = SkipWhitespace(rest);
            if (start >= rest.Length || rest[start] != (byte)'{' || TryMeasureObject(rest[start..]) is not { } length)
                continue;
            using var config = JsonDocument.Parse(rest.Slice(start, length).ToArray(), DocumentOptions);
            client = Merge(client, config.RootElement);
            rest = rest[(start + length)..];
        }
    }

    /// <summary>Whether the page is YouTube's EU cookie-consent interstitial rather than the page asked for.</summary>
    public static bool IsConsentPage(Uri finalUrl, ReadOnlySpan<byte> html) =>
        finalUrl.Host.StartsWith("consent.", StringComparison.OrdinalIgnoreCase)
        || html.IndexOf("action=\"https://consent.youtube.com/save\""u8) >= 0
        || html.IndexOf("action=\"https://consent.youtube.com/s\""u8) >= 0;

    private static InnertubeClient Merge(InnertubeClient client, JsonElement config)
    {
        string? Text(string name) => config.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        string? Number(string name) => config.TryGetProperty(name, out var value)
            ? value.ValueKind switch { JsonValueKind.Number => value.GetRawText(), JsonValueKind.String => value.GetString(), _ => null }
            : null;

        var context = config.TryGetProperty("INNERTUBE_CONTEXT", out var c) && c.TryGetProperty("client", out var cc) ? cc : default;
        string? ContextText(string name) => context.ValueKind == JsonValueKind.Object && context.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        return client with
        {
            ApiKey = Text("INNERTUBE_API_KEY") ?? client.ApiKey,
            ClientName = Text("INNERTUBE_CLIENT_NAME") ?? ContextText("clientName") ?? client.ClientName,
            ClientNameId = Number("INNERTUBE_CONTEXT_CLIENT_NAME") ?? client.ClientNameId,
            ClientVersion = Text("INNERTUBE_CLIENT_VERSION") ?? ContextText("clientVersion") ?? client.ClientVersion,
            VisitorData = Text("VISITOR_DATA") ?? ContextText("visitorData") ?? client.VisitorData,
            Hl = Text("HL") ?? ContextText("hl") ?? client.Hl,
            Gl = Text("GL") ?? ContextText("gl") ?? client.Gl,
        };
    }

    private static JsonDocument? FirstObjectAfter(ReadOnlySpan<byte> html, byte[][] markers)
    {
        foreach (var marker in markers)
        {
            var rest = html;
            while (true)
            {
                var at = rest.IndexOf(marker);
                if (at < 0)
                    break;
                rest = rest[(at + marker.Length)..];
                var start = SkipWhitespace(rest);
                if (start < rest.Length && rest[start] == (byte)'=')
                    start = start + 1 + SkipWhitespace(rest[(start + 1)..]);
                if (start >= rest.Length || rest[start] != (byte)'{')
                    continue;
                if (TryMeasureObject(rest[start..]) is { } length)
                    return JsonDocument.Parse(rest.Slice(start, length).ToArray(), DocumentOptions);
            }
        }
        return null;
    }

    /// <summary>The byte length of the JSON object the span starts with, or null when it is not well-formed JSON.</summary>
    private static int? TryMeasureObject(ReadOnlySpan<byte> span)
    {
        var reader = new Utf8JsonReader(span, isFinalBlock: true, new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth }));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            reader.Skip();
            return (int)reader.BytesConsumed;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> span)
    {
        var i = 0;
        while (i < span.Length && span[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            i++;
        return i;
    }
}
