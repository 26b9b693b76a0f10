using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crawler.Abstractions.Politeness;

/// <summary>Reads <c>true</c>, <c>false</c> and <c>"strict"</c> (also <c>"true"</c>/<c>"false"</c> as strings); writes the same.</summary>
internal sealed class RobotsTxtPolicyJsonConverter : JsonConverter<RobotsTxtPolicy>
{
    public override RobotsTxtPolicy Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => RobotsTxtPolicy.Pages,
        JsonTokenType.False => RobotsTxtPolicy.Off,
        JsonTokenType.String when RobotsTxtPolicy.TryParse(reader.GetString(), out var policy) => policy,
        _ => throw new JsonException($"obeyRobotsTxt takes {RobotsTxtPolicy.Expected}."),
    };

    public override void Write(Utf8JsonWriter writer, RobotsTxtPolicy value, JsonSerializerOptions options)
    {
        if (value.AppliesToApiCalls)
            writer.WriteStringValue(RobotsTxtPolicy.StrictName);
        else
            writer.WriteBooleanValue(value.AppliesToPages);
    }
}
