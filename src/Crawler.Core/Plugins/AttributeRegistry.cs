using System.Reflection;
using Crawler.Abstractions;

namespace Crawler.Core.Plugins;

/// <summary>
/// Classes found by a marker attribute in the given assemblies, by the name the attribute gives them: what the spider
/// and sink registries share. A marked class must derive from <c>contract</c> and have a public constructor (it is
/// created through a crawl host's container); two classes of one name are an error.
/// </summary>
/// <typeparam name="TAttribute">The marker attribute.</typeparam>
/// <typeparam name="TDescriptor">What the registry keeps of a class.</typeparam>
public sealed class AttributeRegistry<TAttribute, TDescriptor> where TAttribute : Attribute
{
    private readonly SortedDictionary<string, (Type Type, TDescriptor Descriptor)> _byName = new(StringComparer.Ordinal);

    /// <param name="kind">What the classes are, for messages ("spider", "sink").</param>
    /// <param name="contract">The type every marked class must be assignable to.</param>
    /// <param name="nameOf">The registered name a class's attribute gives.</param>
    /// <param name="describe">What to keep of a marked class.</param>
    public AttributeRegistry(IEnumerable<Assembly> assemblies, string kind, Type contract, Func<TAttribute, string> nameOf, Func<Type, TAttribute, TDescriptor> describe)
    {
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var type in assembly.GetTypes())
            {
                if (type.IsAbstract || type.GetCustomAttribute<TAttribute>() is not { } attribute)
                    continue;
                if (!contract.IsAssignableFrom(type))
                    throw new CrawlerException($"The {kind} class {type.FullName} is marked [{AttributeName}] but is not a {contract.Name}.");
                if (type.GetConstructors().Length == 0)
                    throw new CrawlerException($"The {kind} class {type.FullName} needs a public constructor.");
                var name = nameOf(attribute);
                if (_byName.TryGetValue(name, out var existing))
                    throw new CrawlerException($"Two {kind}s are named '{name}': {existing.Type.FullName} and {type.FullName}.");
                _byName[name] = (type, describe(type, attribute));
            }
        }
    }

    /// <summary>The registered classes, sorted by name.</summary>
    public IEnumerable<TDescriptor> All => _byName.Values.Select(entry => entry.Descriptor);

    public bool TryGet(string name, out TDescriptor descriptor)
    {
        var found = _byName.TryGetValue(name, out var entry);
        descriptor = entry.Descriptor;
        return found;
    }

    private static string AttributeName => typeof(TAttribute).Name.EndsWith("Attribute", StringComparison.Ordinal) ? typeof(TAttribute).Name[..^"Attribute".Length] : typeof(TAttribute).Name;
}
