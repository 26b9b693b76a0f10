using System.Reflection;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Plugins;

namespace Crawler.Core.Spiders;

/// <summary>Spider classes found by their <see cref="SpiderAttribute"/> in the given assemblies.</summary>
public sealed class SpiderRegistry(IEnumerable<Assembly> assemblies)
{
    private readonly AttributeRegistry<SpiderAttribute, SpiderDescriptor> _spiders = new(assemblies, "spider", typeof(Spider), attribute => attribute.Name,
        (type, attribute) => new SpiderDescriptor(attribute.Name, attribute.Description, type, SettingsTypeOf(type)));

    public IReadOnlyCollection<SpiderDescriptor> All => [.. _spiders.All];

    public bool TryGet(string name, out SpiderDescriptor descriptor) => _spiders.TryGet(name, out descriptor!);

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
