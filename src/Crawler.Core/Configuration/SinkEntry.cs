using System.Text.Json;
using System.Text.Json.Nodes;
using Crawler.Abstractions.Configuration;
using Crawler.Core.Pipeline;

namespace Crawler.Core.Configuration;

/// <summary>
/// One named sink of crawlers.json's <c>sinks</c> section (Scrapy's FEEDS): its type (the key unless <c>"type"</c> says
/// otherwise), the spiders it is for (<c>"spiders"</c>; every spider when absent) and its settings, bound and checked
/// when the crawlers.json is read for a crawl, before any request.
/// </summary>
public sealed record SinkEntry(string Name, SinkDescriptor Descriptor, IReadOnlyList<string>? Spiders, object Settings)
{
    public const string TypeKey = "type";
    public const string SpidersKey = "spiders";

    public bool AppliesTo(string spider) => Spiders is null || Spiders.Contains(spider, StringComparer.Ordinal);

    /// <summary>Every entry of <paramref name="config"/>'s sinks section, bound against <paramref name="registry"/>.</summary>
    public static IReadOnlyList<SinkEntry> ReadAll(CrawlerConfig config, SinkRegistry registry)
    {
        var entries = new List<SinkEntry>();
        foreach (var (name, node) in config.Sinks)
        {
            var where = $"{config.Source}: sinks.{name}";
            if (node is not JsonObject entry)
                throw new ConfigurationException($"{where}: expected an object such as {{\"type\": \"csv\", \"path\": \"pairs.csv\"}}.");
            var type = entry[TypeKey] is JsonValue typeValue && typeValue.TryGetValue<string>(out var named) ? named : name;
            if (!registry.TryGet(type, out var descriptor))
                throw new ConfigurationException($"{where}: unknown sink type '{type}'. Known sink types: {(registry.All.Count == 0 ? "none" : string.Join(", ", registry.All.Select(d => d.Name)))}.");
            IReadOnlyList<string>? spiders = null;
            if (entry[SpidersKey] is { } spidersNode)
            {
                spiders = spidersNode is JsonArray array && array.All(s => s is JsonValue v && v.TryGetValue<string>(out _))
                    ? [.. array.Select(s => s!.GetValue<string>())]
                    : throw new ConfigurationException($"{where}.{SpidersKey}: expected a list of spider names such as [\"sounds\"].");
                if (spiders.Any(string.IsNullOrWhiteSpace))
                    throw new ConfigurationException($"{where}.{SpidersKey}: a spider name is empty.");
            }
            var settings = new JsonObject();
            foreach (var (key, value) in entry)
            {
                if (key is not (TypeKey or SpidersKey or "$comment"))
                    settings[key] = value?.DeepClone();
            }
            entries.Add(new SinkEntry(name, descriptor, spiders, Bind(settings, descriptor.SettingsType, where)));
        }
        return entries;
    }

    private static object Bind(JsonObject settings, Type type, string where)
    {
        object bound;
        try
        {
            bound = settings.Deserialize(type, SettingsJson.Options) ?? throw new ConfigurationException($"{where}: the settings are null.");
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{where}: {ex.Message}");
        }
        if (bound is IValidatableSettings validatable && validatable.Validate().FirstOrDefault() is { } problem)
            throw new ConfigurationException($"{where}: {problem}.");
        return bound;
    }
}
