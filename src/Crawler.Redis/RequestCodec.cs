using System.Text.Json;
using Crawler.Abstractions.Http;

namespace Crawler.Redis;

/// <summary>A request as the JSON stored in Redis: everything it carries, so any worker can pick it up.</summary>
internal static class RequestCodec
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Encode(Request request) => JsonSerializer.Serialize(request, Options);

    public static Request Decode(string json) =>
        JsonSerializer.Deserialize<Request>(json, Options) ?? throw new InvalidDataException("A request stored in Redis is null.");
}
