namespace Crawler.Abstractions.Spiders;

/// <summary>Registers a spider class under a name; the registry finds it without any other wiring.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SpiderAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;
}
