using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crawler.Abstractions.Http;

/// <summary>
/// Reads a fetcher name, or the number an earlier version stored for it (0 http, 1 browser), so frontiers and
/// failure logs written before fetchers had names still resume.
/// </summary>
public sealed class FetcherNameJsonConverter : JsonConverter<string>
{
    private static readonly string[] Legacy = [FetcherKind.Http, FetcherKind.Browser];

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetInt32(out var number) && number >= 0 && number < Legacy.Length => Legacy[number],
        JsonTokenType.String => reader.GetString(),
        _ => throw new JsonException($"A fetcher is a name such as \"{FetcherKind.Http}\" or \"{FetcherKind.Browser}\", not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
