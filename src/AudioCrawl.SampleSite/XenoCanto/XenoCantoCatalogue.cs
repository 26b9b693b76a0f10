namespace AudioCrawl.SampleSite.XenoCanto;

/// <summary>
/// The recordings of the mock xeno-canto: 120 Common Blackbirds (three pages at the smallest per_page, 50), five
/// European Robins and two Roesel's Bush-crickets, with the licences, qualities and sound types the site uses.
/// </summary>
public sealed class XenoCantoCatalogue
{
    public const int BlackbirdCount = 120;

    private static readonly string[] Licenses =
    [
        "//creativecommons.org/licenses/by-nc-sa/4.0/",
        "//creativecommons.org/licenses/by-sa/4.0/",
        "//creativecommons.org/licenses/by-nc-nd/2.5/",
        "//creativecommons.org/publicdomain/zero/1.0/",
    ];

    private static readonly string[] Recordists = ["Jarek Matusiak", "Stanislas Wroza", "Ruud van Beusekom", "Baudewijn Odé"];
    private static readonly string[] Countries = ["Netherlands", "France", "Poland", "United Kingdom"];
    private static readonly string[] Types = ["song", "call", "alarm call", "flight call, song"];

    public XenoCantoCatalogue()
    {
        var recordings = new List<XenoCantoRecording>();
        for (var i = 0; i < BlackbirdCount; i++)
        {
            recordings.Add(new XenoCantoRecording(700_000 + i, "Turdus", "merula", "birds", "Common Blackbird", Recordists[i % 4], Countries[i % 4], Types[i % 4], "ABCDE"[i % 5].ToString(), $"0:{10 + i % 50:00}", Licenses[i % 4]));
        }
        for (var i = 0; i < 5; i++)
        {
            recordings.Add(new XenoCantoRecording(800_000 + i, "Erithacus", "rubecula", "birds", "European Robin", Recordists[i % 4], Countries[i % 4], Types[i % 2], "A", $"1:0{i}", Licenses[i % 4])
            { Subspecies = i == 0 ? "melophilus" : "" });
        }
        recordings.Add(new XenoCantoRecording(900_001, "Roeseliana", "roeselii", "grasshoppers", "Roesel's Bush-cricket", "Baudewijn Odé", "Netherlands", "song", "B", "0:45", Licenses[1]));
        recordings.Add(new XenoCantoRecording(900_002, "Roeseliana", "roeselii", "grasshoppers", "Roesel's Bush-cricket", "Baudewijn Odé", "Belgium", "calling song", "A", "2:03", Licenses[0]));
        Recordings = recordings;
    }

    public IReadOnlyList<XenoCantoRecording> Recordings { get; }

    public XenoCantoRecording? Find(int id) => Recordings.FirstOrDefault(r => r.Id == id);
}
