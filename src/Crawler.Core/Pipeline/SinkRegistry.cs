using System.Reflection;

namespace AudioCrawl.Core.Pipeline;

/// <summary>Sink classes found by their <see cref="SinkAttribute"/> in the given assemblies (the CLI's, and plugins).</summary>
public sealed class SinkRegistry
{
    private readonly SortedDictionary<string, SinkDescriptor> _byName = new(StringComparer.Ordinal);

    public SinkRegistry(IEnumerable<Assembly> assemblies)
    {
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var type in assembly.GetTypes())
            {
                if (type.IsAbstract || type.GetCustomAttribute<SinkAttribute>() is not { } attribute)
                    continue;
                if (!typeof(IPairSink).IsAssignableFrom(type))
                    throw new CrawlerException($"Sink class {type.FullName} is marked [Sink] but does not implement IPairSink.");
                if (_byName.TryGetValue(attribute.Name, out var existing))
                    throw new CrawlerException($"Two sinks are named '{attribute.Name}': {existing.SinkType.FullName} and {type.FullName}.");
                _byName[attribute.Name] = new SinkDescriptor(attribute.Name, attribute.Description, type, attribute.SettingsType);
            }
        }
    }

    public static SinkRegistry Empty { get; } = new([]);

    public IReadOnlyCollection<SinkDescriptor> All => _byName.Values;

    public bool TryGet(string name, out SinkDescriptor descriptor) => _byName.TryGetValue(name, out descriptor!);
}
