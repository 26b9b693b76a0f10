using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Crawler.Abstractions.Politeness;

/// <summary>
/// What robots.txt governs, the <c>obeyRobotsTxt</c> setting: <c>true</c> (pages, not documented API calls),
/// <c>false</c> (nothing) or <c>"strict"</c> (pages and API calls). Converts from and to <see cref="bool"/>, so
/// <c>true</c>/<c>false</c> keep working in code and in crawlers.json; as a bool it says whether pages obey robots.txt.
/// </summary>
[JsonConverter(typeof(RobotsTxtPolicyJsonConverter))]
public readonly record struct RobotsTxtPolicy
{
    public const string StrictName = "strict";

    /// <summary>What an error message says the setting takes.</summary>
    public const string Expected = "true, false or \"strict\"";

    private RobotsTxtPolicy(bool appliesToPages, bool appliesToApiCalls)
    {
        AppliesToPages = appliesToPages;
        AppliesToApiCalls = appliesToApiCalls;
    }

    public static RobotsTxtPolicy Off { get; } = new(false, false);

    public static RobotsTxtPolicy Pages { get; } = new(true, false);

    public static RobotsTxtPolicy Strict { get; } = new(true, true);

    public bool AppliesToPages { get; }

    /// <summary>True when robots.txt also governs requests marked <see cref="Http.Request.Api"/>.</summary>
    public bool AppliesToApiCalls { get; }

    public static implicit operator RobotsTxtPolicy(bool obey) => obey ? Pages : Off;

    public static implicit operator bool(RobotsTxtPolicy policy) => policy.AppliesToPages;

    /// <summary>Reads <c>true</c>, <c>false</c> or <c>strict</c> (any case).</summary>
    public static bool TryParse(string? text, out RobotsTxtPolicy policy)
    {
        policy = Off;
        if (string.Equals(text, StrictName, StringComparison.OrdinalIgnoreCase))
            policy = Strict;
        else if (bool.TryParse(text, out var obey))
            policy = obey;
        else
            return false;
        return true;
    }

    /// <summary>The JSON Schema of the setting: a boolean or the string "strict".</summary>
    public static JsonObject JsonSchema() => new()
    {
        ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "boolean" }, new JsonObject { ["const"] = StrictName }),
    };

    public override string ToString() => AppliesToApiCalls ? StrictName : AppliesToPages ? "true" : "false";
}
