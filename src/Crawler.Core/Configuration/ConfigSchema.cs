using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Politeness;
using Crawler.Core.Pipeline;
using Crawler.Core.Runs;
using Crawler.Core.Spiders;

namespace Crawler.Core.Configuration;

/// <summary>
/// The JSON Schema of crawlers.json, generated from the engine settings and every registered spider's settings
/// record (descriptions and defaults included), so editors complete and check the file.
/// </summary>
public static class ConfigSchema
{
    public const string FileName = "crawlers.schema.json";

    /// <param name="sinks">The sink types the <c>sinks</c> section may name; null leaves the section unchecked.</param>
    public static JsonObject Generate(SpiderRegistry registry, SinkRegistry? sinks = null)
    {
        var engine = SettingsSchema(typeof(EngineSettings));
        var perSpider = new JsonObject();
        var byType = new JsonArray();
        foreach (var descriptor in registry.All)
        {
            perSpider[descriptor.Name] = EntrySchema(descriptor, engine, typeRequired: false);
            byType.Add(EntrySchema(descriptor, engine, typeRequired: true));
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "AudioCrawl crawlers.json",
            ["description"] = "Registers spiders and sinks. Precedence: built-in defaults < \"engine\" < a spider's entry < --set on the command line.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["$schema"] = new JsonObject { ["type"] = "string" },
                ["$comment"] = new JsonObject { ["type"] = "string" },
                ["engine"] = engine.DeepClone(),
                ["sinks"] = SinksSchema(sinks),
                ["spiders"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "Spider entries by the name they run under. The key is the spider type unless \"type\" says otherwise.",
                    ["properties"] = perSpider,
                    ["additionalProperties"] = new JsonObject { ["oneOf"] = byType },
                },
            },
        };
    }

    private static JsonObject SinksSchema(SinkRegistry? sinks)
    {
        var section = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "Named sinks every crawl of the spiders they are for writes to (Scrapy's FEEDS), besides what the command line asks for. The key is the sink type unless \"type\" says otherwise.",
        };
        if (sinks is null)
            return section;
        var byName = new JsonObject();
        var byType = new JsonArray();
        foreach (var descriptor in sinks.All)
        {
            byName[descriptor.Name] = SinkEntrySchema(descriptor, typeRequired: false);
            byType.Add(SinkEntrySchema(descriptor, typeRequired: true));
        }
        section["properties"] = byName;
        section["additionalProperties"] = new JsonObject { ["oneOf"] = byType };
        return section;
    }

    private static JsonObject SinkEntrySchema(SinkDescriptor descriptor, bool typeRequired)
    {
        var properties = new JsonObject
        {
            [SinkEntry.TypeKey] = new JsonObject { ["const"] = descriptor.Name, ["description"] = "The sink class to write with." },
            [SinkEntry.SpidersKey] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["description"] = "The spiders this sink is for; every spider when absent." },
            ["$comment"] = new JsonObject { ["type"] = "string" },
        };
        return Entry(descriptor.Description, properties, descriptor.SettingsType, typeRequired);
    }

    private static JsonObject EntrySchema(SpiderDescriptor descriptor, JsonObject engine, bool typeRequired)
    {
        var properties = new JsonObject
        {
            ["type"] = new JsonObject { ["const"] = descriptor.Name, ["description"] = "The spider class to run." },
            ["description"] = new JsonObject { ["type"] = "string" },
            ["$comment"] = new JsonObject { ["type"] = "string" },
            [SpiderSchedule.Key] = SpiderSchedule.JsonSchema(),
        };
        foreach (var (name, schema) in engine["properties"]!.AsObject())
            properties[name] = schema!.DeepClone();
        return Entry(descriptor.Description, properties, descriptor.SettingsType, typeRequired);
    }

    /// <summary>An entry of the spiders or sinks section: the given properties, then those of its settings record.</summary>
    private static JsonObject Entry(string description, JsonObject properties, Type settingsType, bool typeRequired)
    {
        if (SettingsSchema(settingsType)["properties"] is JsonObject own)
        {
            foreach (var (name, schema) in own)
                properties[name] = schema!.DeepClone();
        }
        var entry = new JsonObject
        {
            ["type"] = "object",
            ["description"] = description,
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        if (typeRequired)
            entry["required"] = new JsonArray("type");
        return entry;
    }

    private static JsonObject SettingsSchema(Type type)
    {
        var defaults = Activator.CreateInstance(type);
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                if (context.TypeInfo.Type == typeof(RobotsTxtPolicy))
                    node = RobotsTxtPolicy.JsonSchema();
                if (context.PropertyInfo is not { } property || node is not JsonObject schema)
                    return node;
                if (property.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), false).FirstOrDefault() is DescriptionAttribute description)
                    schema["description"] = description.Description;
                if (property.DeclaringType == type && defaults is not null && property.Get is { } get && get(defaults) is { } value)
                    schema["default"] = JsonSerializer.SerializeToNode(value, property.PropertyType, SettingsJson.Options);
                return schema;
            },
        };
        var schema = SettingsJson.Options.GetJsonSchemaAsNode(type, options).AsObject();
        schema = (JsonObject)InlineReferences(schema, schema.DeepClone().AsObject());
        schema.Remove("required");
        schema["additionalProperties"] = false;
        return schema;
    }

    /// <summary>
    /// Replaces the exporter's <c>$ref</c>s (a type used twice is written once and referred to by a pointer into the
    /// settings schema) by copies of what they point at, so the schema stays valid when embedded in an entry.
    /// </summary>
    private static JsonNode InlineReferences(JsonNode node, JsonObject root)
    {
        switch (node)
        {
            case JsonObject obj when obj["$ref"] is JsonValue reference && reference.GetValue<string>() is var pointer && pointer.StartsWith("#", StringComparison.Ordinal):
                var target = pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                    .Aggregate((JsonNode?)root, (current, segment) => current?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]);
                if (target is null)
                    return node;
                var copy = InlineReferences(target.DeepClone(), root).AsObject();
                foreach (var (key, value) in obj.Where(p => p.Key != "$ref").ToArray())
                    copy[key] = value?.DeepClone();
                return copy;
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToArray())
                {
                    if (obj[key] is { } child && InlineReferences(child, root) is var replaced && !ReferenceEquals(replaced, child))
                        obj[key] = replaced;
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item && InlineReferences(item, root) is var replacedItem && !ReferenceEquals(replacedItem, item))
                        array[i] = replacedItem;
                }
                return array;
            default:
                return node;
        }
    }
}
