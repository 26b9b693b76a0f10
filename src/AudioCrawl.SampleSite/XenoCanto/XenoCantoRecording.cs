namespace AudioCrawl.SampleSite.XenoCanto;

/// <summary>One recording of the mock xeno-canto, with the fields API v3 reports.</summary>
public sealed record XenoCantoRecording(int Id, string Genus, string Species, string Group, string English, string Recordist, string Country, string Type, string Quality, string Length, string License)
{
    public string Subspecies { get; init; } = "";

    public string Locality { get; init; } = "Somewhere";

    public string ScientificName => $"{Genus} {Species}";
}
