using System.Text.Json;
using Crawler.Abstractions.Http;

namespace Crawlers.YouTube;

/// <summary>Builds the POST /youtubei/v1/{search|browse} continuation request a WEB client sends.</summary>
public static class InnertubeRequests
{
    public static Request Continuation(Uri baseUrl, string endpoint, InnertubeClient client, string token, string callback)
    {
        var url = new Uri(baseUrl, $"youtubei/v1/{endpoint}?prettyPrint=false");
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["Accept-Language"] = "en-US,en;q=0.9",
            ["X-YouTube-Client-Name"] = client.ClientNameId,
            ["X-YouTube-Client-Version"] = client.ClientVersion,
            ["Origin"] = baseUrl.GetLeftPart(UriPartial.Authority),
        };
        if (client.VisitorData is { } visitor)
            headers["X-Goog-Visitor-Id"] = visitor;
        return new Request(url, callback) { Method = "POST", Headers = headers, Body = Body(client, token) };
    }

    public static byte[] Body(InnertubeClient client, string token)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("context");
            json.WriteStartObject("client");
            json.WriteString("clientName", client.ClientName);
            json.WriteString("clientVersion", client.ClientVersion);
            json.WriteString("hl", client.Hl);
            json.WriteString("gl", client.Gl);
            if (client.VisitorData is { } visitor)
                json.WriteString("visitorData", visitor);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("continuation", token);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
