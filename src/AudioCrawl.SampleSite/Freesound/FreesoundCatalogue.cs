namespace AudioCrawl.SampleSite.Freesound;

/// <summary>The sounds of the mock Freesound: 40 rain recordings (three pages at the default page size, 15), a few dog barks, one without a description.</summary>
public sealed class FreesoundCatalogue
{
    public const int RainCount = 40;

    private static readonly string[] Licenses =
    [
        "http://creativecommons.org/licenses/by/3.0/",
        "http://creativecommons.org/publicdomain/zero/1.0/",
        "https://creativecommons.org/licenses/by/4.0/",
        "http://creativecommons.org/licenses/by-nc/3.0/",
    ];

    private static readonly string[] Users = ["InspectorJ", "klankbeeld", "Garuda1982", "straget"];

    public FreesoundCatalogue()
    {
        var sounds = new List<FreesoundSound>();
        for (var i = 0; i < RainCount; i++)
        {
            var where = new[] { "a tin roof", "a car windscreen", "leaves in a forest", "a tent" }[i % 4];
            sounds.Add(new FreesoundSound(400_000 + i * 17, $"Rain on {where} {i + 1:00}.wav",
                $"Steady rain falling on {where}, recorded with a Zoom H5. <a href=\"https://freesound.org/people/{Users[i % 4]}/\">More field recordings</a>.",
                ["rain", "field-recording", where.Split(' ')[^1]], Licenses[i % 4], Users[i % 4], 5 + i % 30));
        }
        sounds.Add(new FreesoundSound(500_001, "Dog bark, small dog.flac", "A small dog barks twice at the door.", ["dog", "bark"], Licenses[1], "Garuda1982", 1.2));
        sounds.Add(new FreesoundSound(500_002, "dog_barking_distance.wav", "", ["dog", "bark", "distant"], Licenses[0], "klankbeeld", 8.5));
        sounds.Add(new FreesoundSound(500_003, "Large dog growl and bark", "Deep growl, then a single bark.", ["dog", "growl"], Licenses[3], "straget", 3.1));
        Sounds = sounds;
    }

    public IReadOnlyList<FreesoundSound> Sounds { get; }

    public FreesoundSound? Find(int id) => Sounds.FirstOrDefault(s => s.Id == id);
}
