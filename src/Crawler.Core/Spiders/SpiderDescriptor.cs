namespace AudioCrawl.Core.Spiders;

/// <summary>A registered spider class: its name, description and settings type.</summary>
public sealed record SpiderDescriptor(string Name, string Description, Type SpiderType, Type SettingsType)
{
    public Spider Create() => (Spider)Activator.CreateInstance(SpiderType)!;
}
