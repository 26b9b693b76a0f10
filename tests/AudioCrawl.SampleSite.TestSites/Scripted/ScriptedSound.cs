namespace AudioCrawl.SampleSite.Scripted;

/// <summary>One sound of the script-rendered library.</summary>
public sealed record ScriptedSound(int Id, string Name, double Frequency);
