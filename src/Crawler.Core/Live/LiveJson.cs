using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crawler.Core.Live;

/// <summary>The JSON shape of the live feed and summary.json: camelCase, as the dashboard's page reads it.</summary>
public static class LiveJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
