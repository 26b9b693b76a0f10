namespace AudioCrawl.SampleSite.TestSites.YouTube;

/// <summary>
/// The mock YouTube's content, the same on every run: two channels (one in each grid layout, one with Shorts, a live
/// and an upcoming stream), playlists in both layouts and one that loops, and titles with quotes, commas, newlines
/// and emoji.
/// </summary>
public sealed class YouTubeCatalogue
{
    public const int ChannelPageSize = 30;
    public const int SearchPageSize = 20;

    public static readonly string[] AwkwardTitles =
    [
        "He said \"listen\", then left",
        "Rain, thunder & wind — 10 hours 🌧️⚡",
        "Dawn chorus\nrecorded at 5 a.m.",
        "Nightingale  (Luscinia megarhynchos) 🐦 «in the rain»",
    ];

    private static readonly string[] Species = ["Blackbird", "Robin", "Wren", "Song thrush", "Skylark", "Chiffchaff", "Blackcap", "Curlew", "Tawny owl", "Cuckoo"];

    public YouTubeCatalogue(int birdsongVideos = 65, int fieldVideos = 40)
    {
        Birdsong = new MockChannel("Birdsong Archive", "@birdsong", "UCbirdsongArchive0000001", UsesLockups: false);
        Field = new MockChannel("Field Recordings, Ltd. 🎙️", "@fieldrecordings", "UCfieldRecordings0000002", UsesLockups: true);
        var number = 0;
        var birdsong = new List<MockVideo>();
        for (var i = 0; i < birdsongVideos; i++)
        {
            var title = i < AwkwardTitles.Length ? AwkwardTitles[i] : $"{Species[i % Species.Length]} song no. {i}";
            birdsong.Add(Video(++number, title, Birdsong, i));
        }
        var field = new List<MockVideo>();
        for (var i = 0; i < fieldVideos; i++)
            field.Add(Video(++number, $"Field recording {i}: {(i % 3 == 0 ? "rain on a tin roof" : "river at dusk")}", Field, i));
        field.Insert(1, Video(++number, "LIVE: rain on the forest floor, 24/7", Field, 0) with { IsLive = true, DurationSeconds = 0 });
        field.Insert(2, Video(++number, "Premiere: the rain returns", Field, 0) with { IsUpcoming = true, DurationSeconds = 0 });
        // Shorts of up to three minutes (allowed since October 2024): their length alone does not tell them from short videos.
        Shorts = [.. Enumerable.Range(0, 5).Select(i => Video(++number, $"Rain in 30 seconds #{i} #shorts", Field, i) with { IsShort = true, DurationSeconds = 30 + i * 37 })];
        BirdsongVideos = birdsong;
        FieldVideos = field;
        Playlists =
        [
            new MockPlaylist("PLclassicLayout00000000000000001", "Every bird, classic layout", [.. birdsong, .. field.Where(v => !v.IsLive && !v.IsUpcoming)], UsesLockups: false, PageSize: 100),
            new MockPlaylist("PLlockupLayout000000000000000002", "Field picks, lockup layout", [.. field.Where(v => !v.IsLive && !v.IsUpcoming).Take(30), .. birdsong.Take(15)], UsesLockups: true, PageSize: 20),
            new MockPlaylist("PLloopingTokens00000000000000003", "A playlist whose continuation loops", [.. birdsong.Skip(10).Take(40)], UsesLockups: false, PageSize: 10) { Loops = true },
        ];
    }

    public MockChannel Birdsong { get; }

    public MockChannel Field { get; }

    public IReadOnlyList<MockVideo> BirdsongVideos { get; }

    public IReadOnlyList<MockVideo> FieldVideos { get; }

    public IReadOnlyList<MockVideo> Shorts { get; }

    public IReadOnlyList<MockPlaylist> Playlists { get; }

    public IEnumerable<MockVideo> AllVideos => BirdsongVideos.Concat(FieldVideos).Concat(Shorts);

    public MockVideo? FindVideo(string id) => AllVideos.FirstOrDefault(v => v.Id == id);

    public MockPlaylist? FindPlaylist(string id) => Playlists.FirstOrDefault(p => p.Id == id);

    public MockChannel? FindChannel(string handleOrId) =>
        new[] { Birdsong, Field }.FirstOrDefault(c => string.Equals(c.Handle, handleOrId, StringComparison.OrdinalIgnoreCase) || c.Id == handleOrId);

    public IReadOnlyList<MockVideo> VideosOf(MockChannel channel) => channel == Birdsong ? BirdsongVideos : FieldVideos;

    /// <summary>Search: videos whose title holds every word of the query, shorts last (they go to a reel shelf on page one).</summary>
    public IReadOnlyList<MockVideo> Search(string query)
    {
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return AllVideos.Where(v => words.All(w => v.Title.Contains(w, StringComparison.OrdinalIgnoreCase))).ToArray();
    }

    /// <summary>Regular videos a search for the query does not find: what the shelves mixed into its result pages hold.</summary>
    public IReadOnlyList<MockVideo> NotFoundBy(string query)
    {
        var found = Search(query).Select(v => v.Id).ToHashSet();
        return AllVideos.Where(v => !v.IsShort && !v.IsLive && !v.IsUpcoming && !found.Contains(v.Id)).ToArray();
    }

    private static MockVideo Video(int number, string title, MockChannel channel, int index) =>
        new($"yt{number:D5}{(char)('A' + number % 26)}_-{number % 10}", title, channel, 45 + (number * 37 % 3600), 100 + number * 1237L, $"{1 + number % 11} years ago");
}
