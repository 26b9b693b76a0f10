using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crawler.Core.Configuration;

/// <summary>crawlers.json: engine settings for every spider, the spider entries, and sink settings.</summary>
public sealed class CrawlerConfig
{
    public const string DefaultFileName = "crawlers.json";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private CrawlerConfig(string source, JsonObject root, JsonObject engine, JsonObject sinks, IReadOnlyDictionary<string, SpiderEntry> spiders)
    {
        Source = source;
        Root = root;
        Engine = engine;
        Sinks = sinks;
        Spiders = spiders;
    }

    /// <summary>Where the configuration came from, for messages ("crawlers.json", or "built-in defaults").</summary>
    public string Source { get; }

    public JsonObject Root { get; }

    public JsonObject Engine { get; }

    public JsonObject Sinks { get; }

    public IReadOnlyDictionary<string, SpiderEntry> Spiders { get; }

    public static CrawlerConfig Empty { get; } = Parse("{}", "built-in defaults");

    /// <summary>
    /// Loads a crawlers.json. A missing file is an error when the path was asked for, and the empty
    /// configuration when it was only the default.
    /// </summary>
    public static CrawlerConfig Load(string path, bool pathWasGiven)
    {
        if (!File.Exists(path))
        {
            if (pathWasGiven)
                throw new ConfigurationException($"{path}: no such configuration file.");
            return Empty;
        }
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read the configuration file: {ex.Message}", ex);
        }
        return Parse(text, path);
    }

    public static CrawlerConfig Parse(string json, string source)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{source}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: invalid JSON: {PlainJsonMessage(ex)}", ex);
        }
        if (node is not JsonObject root)
            throw new ConfigurationException($"{source}: expected a JSON object at the top, with \"engine\", \"spiders\" and \"sinks\".");

        var engine = ObjectOrEmpty(root, "engine", source);
        var sinks = ObjectOrEmpty(root, "sinks", source);
        var spiders = new Dictionary<string, SpiderEntry>(StringComparer.Ordinal);
        foreach (var (name, value) in ObjectOrEmpty(root, "spiders", source))
        {
            if (value is not JsonObject section)
                throw new ConfigurationException($"{source}: spiders.{name}: expected an object of settings.");
            var type = section["type"] is JsonValue typeValue && typeValue.TryGetValue<string>(out var t) ? t : name;
            var description = section["description"] is JsonValue d && d.TryGetValue<string>(out var text) ? text : null;
            var settings = new JsonObject();
            foreach (var (key, setting) in section)
            {
                if (!SpiderEntry.ReservedKeys.Contains(key))
                    settings[key] = setting?.DeepClone();
            }
            spiders[name] = new SpiderEntry(name, type, description, settings);
        }
        foreach (var key in root.Select(p => p.Key))
        {
            if (key is not ("$schema" or "$comment" or "engine" or "sinks" or "spiders"))
                throw new ConfigurationException($"{source}: unknown top-level key '{key}'; expected \"$schema\", \"engine\", \"spiders\" or \"sinks\".");
        }
        return new CrawlerConfig(source, root, engine, sinks, spiders);
    }

    private static JsonObject ObjectOrEmpty(JsonObject root, string key, string source) => root[key] switch
    {
        null => new JsonObject(),
        JsonObject value => value,
        _ => throw new ConfigurationException($"{source}: \"{key}\" must be an object."),
    };

    private static string PlainJsonMessage(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
