namespace Crawler.Abstractions.Pipeline;

/// <summary>
/// Registers a sink class under a type name that crawlers.json's <c>sinks</c> section can use; the class needs a public
/// constructor, created through the crawl host's container (it may ask for the <c>CrawlPlan</c>, the clock, loggers, ...).
/// A sink with settings uses <see cref="SinkAttribute{TSettings}"/> and takes the settings record in its constructor.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public class SinkAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public virtual Type SettingsType => typeof(Spiders.NoSettings);
}
