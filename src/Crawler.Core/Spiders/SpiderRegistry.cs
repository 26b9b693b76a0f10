using System.Reflection;

namespace AudioCrawl.Core.Spiders;

/// <summary>Spider classes found by their <see cref="SpiderAttribute"/> in the given assemblies.</summary>
public sealed class SpiderRegistry
{
    private readonly SortedDictionary<string, SpiderDescriptor> _byName = new(StringComparer.Ordinal);

    public SpiderRegistry(IEnumerable<Assembly> assemblies)
    {
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var type in assembly.GetTypes())
            {
                if (type.IsAbstract || !typeof(Spider).IsAssignableFrom(type) || type.GetCustomAttribute<SpiderAttribute>() is not { } attribute)
                    continue;
                if (type.GetConstructor(Type.EmptyTypes) is null)
                    throw new CrawlerException($"Spider class {type.FullName} needs a public parameterless constructor.");
                if (_byName.TryGetValue(attribute.Name, out var existing))
                    throw new CrawlerException($"Two spiders are named '{attribute.Name}': {existing.SpiderType.FullName} and {type.FullName}.");
                _byName[attribute.Name] = new SpiderDescriptor(attribute.Name, attribute.Description, type, SettingsTypeOf(type));
            }
        }
    }

    public IReadOnlyCollection<SpiderDescriptor> All => _byName.Values;

    public bool TryGet(string name, out SpiderDescriptor descriptor) => _byName.TryGetValue(name, out descriptor!);

    private static Type SettingsTypeOf(Type spiderType)
    {
        for (var type = spiderType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Spider<>))
                return type.GetGenericArguments()[0];
        }
        return typeof(NoSettings);
    }
}
