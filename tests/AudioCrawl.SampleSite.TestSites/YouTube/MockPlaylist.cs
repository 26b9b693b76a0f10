namespace AudioCrawl.SampleSite.TestSites.YouTube;

/// <summary>
/// A playlist of the mock YouTube, in the classic playlistVideoRenderer layout or the lockupViewModel one;
/// a looping playlist answers its continuation with the same token again, as YouTube sometimes does.
/// </summary>
public sealed record MockPlaylist(string Id, string Title, IReadOnlyList<MockVideo> Videos, bool UsesLockups, int PageSize)
{
    public bool Loops { get; init; }
}
