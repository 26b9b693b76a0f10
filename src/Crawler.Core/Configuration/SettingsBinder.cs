using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Politeness;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Spiders;

namespace Crawler.Core.Configuration;

/// <summary>
/// Binds engine and spider settings from their layers, by priority: built-in defaults &lt; the spider's defaults
/// &lt; crawlers.json "engine" &lt; the spider's section &lt; --set. Every problem names the setting and where it came from.
/// </summary>
public static class SettingsBinder
{
    /// <param name="name">The name the spider runs under.</param>
    /// <param name="spiderEngineDefaults">The engine settings the spider prefers (<see cref="SpiderDescriptor.EngineDefaults"/>).</param>
    public static BoundSettings Bind(SpiderDescriptor spider, string name, EngineSettings spiderEngineDefaults, CrawlerConfig config, SpiderEntry? entry, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var engineProperties = PropertyMap(typeof(EngineSettings));
        var spiderProperties = PropertyMap(spider.SettingsType);
        var engineLayer = ToObject(spiderEngineDefaults);
        var spiderLayer = ToObject(Activator.CreateInstance(spider.SettingsType)!);
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (var (key, value) in config.Engine)
        {
            var origin = $"{config.Source}, engine.{key}";
            if (engineProperties.ContainsKey(key))
                Set(engineLayer, key, value, origin, origins);
            else
                problems.Add($"{origin}: unknown engine setting '{key}'. Engine settings: {Names(engineProperties)}.");
        }

        if (entry is not null)
        {
            foreach (var (key, value) in entry.Settings)
            {
                var origin = $"{config.Source}, spiders.{entry.Name}.{key}";
                if (spiderProperties.ContainsKey(key))
                    Set(spiderLayer, key, value, origin, origins);
                else if (engineProperties.ContainsKey(key))
                    Set(engineLayer, key, value, origin, origins);
                else
                    problems.Add($"{origin}: {UnknownSetting(key, entry.Type, spiderProperties, engineProperties)}");
            }
        }

        foreach (var (key, raw) in overrides)
        {
            var origin = $"--set {key}";
            if (spiderProperties.TryGetValue(key, out var spiderProperty))
                SetFromCommandLine(spiderLayer, spiderProperty, raw, origin, origins, problems);
            else if (engineProperties.TryGetValue(key, out var engineProperty))
                SetFromCommandLine(engineLayer, engineProperty, raw, origin, origins, problems);
            else
                problems.Add($"{origin}: {UnknownSetting(key, entry?.Type ?? name, spiderProperties, engineProperties)}");
        }

        var engine = Deserialize<EngineSettings>(engineLayer, typeof(EngineSettings), engineProperties, origins, problems);
        var spiderSettings = Deserialize<object>(spiderLayer, spider.SettingsType, spiderProperties, origins, problems);
        if (engine is not null)
            Validate(engine, engineProperties, origins, problems);
        if (spiderSettings is not null)
            Validate(spiderSettings, spiderProperties, origins, problems);

        if (problems.Count > 0)
            throw new ConfigurationException(string.Join(Environment.NewLine, problems));
        return new BoundSettings(engine!, spiderSettings!);
    }

    /// <summary>Applies bound settings to a spider instance.</summary>
    public static void Apply(Spider spider, BoundSettings settings) => spider.ApplySettings(settings.Spider);

    private static Dictionary<string, JsonPropertyInfo> PropertyMap(Type type) =>
        SettingsJson.PropertiesOf(type).ToDictionary(p => p.Name, StringComparer.Ordinal);

    private static string Names(Dictionary<string, JsonPropertyInfo> properties) =>
        properties.Count == 0 ? "(none)" : string.Join(", ", properties.Keys.Order(StringComparer.Ordinal));

    private static string UnknownSetting(string key, string spiderType, Dictionary<string, JsonPropertyInfo> spiderProperties, Dictionary<string, JsonPropertyInfo> engineProperties) =>
        $"unknown setting '{key}' for spider '{spiderType}'. Its settings: {Names(spiderProperties)}. Engine settings: {Names(engineProperties)}.";

    private static JsonObject ToObject(object value) =>
        JsonSerializer.SerializeToNode(value, value.GetType(), SettingsJson.Options)?.AsObject() ?? new JsonObject();

    private static void Set(JsonObject layer, string key, JsonNode? value, string origin, Dictionary<string, string> origins)
    {
        layer[key] = value?.DeepClone();
        origins[key] = origin;
    }

    private static void SetFromCommandLine(JsonObject layer, JsonPropertyInfo property, string raw, string origin, Dictionary<string, string> origins, List<string> problems)
    {
        if (TryConvert(raw, property.PropertyType, out var node))
            Set(layer, property.Name, node, origin, origins);
        else
            problems.Add($"{origin}: expected {SettingValueDescriber.Describe(property.PropertyType)}, got '{raw}'.");
    }

    private static bool TryConvert(string raw, Type type, out JsonNode? node)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        node = null;
        if (t == typeof(string) || t == typeof(Uri) || t.IsEnum)
        {
            node = JsonValue.Create(raw);
            return true;
        }
        if (t == typeof(RobotsTxtPolicy))
        {
            if (!RobotsTxtPolicy.TryParse(raw, out var policy))
                return false;
            node = JsonSerializer.SerializeToNode(policy, SettingsJson.Options);
            return true;
        }
        if (t == typeof(bool))
        {
            if (!bool.TryParse(raw, out var flag))
                return false;
            node = JsonValue.Create(flag);
            return true;
        }
        if (t == typeof(int) || t == typeof(long))
        {
            if (!long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
                return false;
            node = JsonValue.Create(whole);
            return true;
        }
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal))
        {
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                return false;
            node = JsonValue.Create(number);
            return true;
        }
        if (SettingValueDescriber.IsList(t, out var element) && !raw.TrimStart().StartsWith('['))
        {
            var items = new JsonArray();
            foreach (var item in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!TryConvert(item, element, out var converted))
                    return false;
                items.Add(converted);
            }
            node = items;
            return true;
        }
        try
        {
            node = JsonNode.Parse(raw);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static T? Deserialize<T>(JsonObject layer, Type type, Dictionary<string, JsonPropertyInfo> properties, Dictionary<string, string> origins, List<string> problems)
        where T : class
    {
        try
        {
            return (T?)layer.Deserialize(type, SettingsJson.Options);
        }
        catch (JsonException ex)
        {
            var key = KeyFromPath(ex.Path);
            if (key is not null && properties.ContainsKey(key) && ex.Path!.Length > key.Length + 2)
            {
                // Inside a nested object (a rule in a list): name the exact place and what was wrong there.
                var origin = origins.GetValueOrDefault(key, "default");
                problems.Add($"{origin}: at {ex.Path[2..]}: {PlainMessage(ex)}");
            }
            else if (key is not null && properties.TryGetValue(key, out var property))
            {
                var origin = origins.GetValueOrDefault(key, "default");
                problems.Add($"{origin}: expected {SettingValueDescriber.Describe(property.PropertyType)}, got {layer[key]?.ToJsonString() ?? "null"}.");
            }
            else
            {
                problems.Add($"settings of {type.Name}: {ex.Message}");
            }
            return null;
        }
    }

    private static string PlainMessage(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string? KeyFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith("$.", StringComparison.Ordinal))
            return null;
        var rest = path[2..];
        var end = rest.IndexOfAny(['.', '[']);
        return end < 0 ? rest : rest[..end];
    }

    private static void Validate(object settings, Dictionary<string, JsonPropertyInfo> properties, Dictionary<string, string> origins, List<string> problems)
    {
        foreach (var (key, property) in properties)
        {
            var value = property.Get!(settings);
            var urls = value switch
            {
                Uri single => [single],
                IEnumerable<Uri> many => many,
                _ => [],
            };
            foreach (var url in urls)
            {
                if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                    problems.Add($"{origins.GetValueOrDefault(key, "default")}: '{url}' is not an absolute http or https URL.");
            }
        }
        if (settings is IValidatableSettings validatable)
        {
            foreach (var problem in validatable.Validate())
            {
                var key = properties.Keys.FirstOrDefault(k => problem.StartsWith(k, StringComparison.Ordinal));
                var origin = key is not null && origins.TryGetValue(key, out var o) ? o : "settings";
                problems.Add($"{origin}: {problem}.");
            }
        }
    }
}
