using System.Reflection;
using Crawler.Abstractions;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crawler.Core.Spiders;

/// <summary>A registered spider class: its name, description and settings type.</summary>
public sealed record SpiderDescriptor(string Name, string Description, Type SpiderType, Type SettingsType)
{
    private static readonly MethodInfo ClassDefaultsOf = typeof(SpiderDescriptor).GetMethod(nameof(ClassDefaults), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Whether the class can be made without a container (it has a public parameterless constructor).</summary>
    public bool HasParameterlessConstructor => SpiderType.GetConstructor(Type.EmptyTypes) is not null;

    /// <summary>Creates the spider through <paramref name="services"/>: its constructor's parameters are resolved there.</summary>
    public Spider Create(IServiceProvider services)
    {
        try
        {
            return (Spider)ActivatorUtilities.CreateInstance(services, SpiderType);
        }
        catch (InvalidOperationException ex)
        {
            throw new CrawlerException($"Spider '{Name}' ({SpiderType.FullName}) cannot be created: {ex.Message} Register what its constructor asks for on the crawl host (CrawlHostBuilder.Services).", ex);
        }
    }

    /// <summary>
    /// The engine settings the spider prefers over <paramref name="builtIn"/>: its class's <see cref="IEngineDefaults"/>
    /// (whatever its constructor), else the <see cref="Spider.DefaultEngineSettings"/> of <paramref name="planned"/>,
    /// the instance a parameterless class was created as. A class that needs services and overrides only the instance
    /// method would silently lose its defaults: that is an error naming the way on.
    /// </summary>
    public EngineSettings EngineDefaults(EngineSettings builtIn, Spider? planned)
    {
        if (typeof(IEngineDefaults).IsAssignableFrom(SpiderType))
            return (EngineSettings)ClassDefaultsOf.MakeGenericMethod(SpiderType).Invoke(null, BindingFlags.DoNotWrapExceptions, null, [builtIn], null)!;
        if (planned is not null)
            return planned.DefaultEngineSettings(builtIn);
        if (SpiderType.GetMethod(nameof(Spider.DefaultEngineSettings), [typeof(EngineSettings)])?.DeclaringType != typeof(Spider))
            throw new ConfigurationException(
                $"Spider '{Name}' ({SpiderType.FullName}) overrides DefaultEngineSettings but is created through the crawl host's container " +
                $"(its constructor takes services), after its engine settings are bound: implement {nameof(IEngineDefaults)} " +
                $"(public static EngineSettings {nameof(IEngineDefaults.EngineDefaults)}(EngineSettings builtIn)) instead.");
        return builtIn;
    }

    private static EngineSettings ClassDefaults<TSpider>(EngineSettings builtIn) where TSpider : IEngineDefaults => TSpider.EngineDefaults(builtIn);
}
