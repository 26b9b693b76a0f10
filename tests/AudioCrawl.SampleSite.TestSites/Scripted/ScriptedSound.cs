namespace AudioCrawl.SampleSite.TestSites.Scripted;

/// <summary>One sound of the script-rendered library.</summary>
public sealed record ScriptedSound(int Id, string Name, double Frequency);
