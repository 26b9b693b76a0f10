namespace AudioCrawl.SampleSite.TestSites.YouTube;

/// <summary>A channel of the mock YouTube; <see cref="UsesLockups"/> picks the 2024– lockupViewModel grid over videoRenderer.</summary>
public sealed record MockChannel(string Name, string Handle, string Id, bool UsesLockups)
{
    public string UploadsPlaylist => "UU" + Id[2..];
}
