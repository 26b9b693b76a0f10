namespace Crawler.Abstractions.Pipeline;

/// <summary>Registers a sink class whose crawlers.json entry is bound to <typeparamref name="TSettings"/> (camelCase, strict).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SinkAttribute<TSettings>(string name, string description) : SinkAttribute(name, description) where TSettings : class, new()
{
    public override Type SettingsType => typeof(TSettings);
}
