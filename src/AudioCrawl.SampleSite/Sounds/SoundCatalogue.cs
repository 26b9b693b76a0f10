namespace AudioCrawl.SampleSite.Sounds;

/// <summary>A deterministic catalogue of sounds whose titles exercise the CSV: commas, quotes, accents, scripts, emoji.</summary>
public sealed class SoundCatalogue
{
    public static readonly string[] Categories = ["nature", "city", "music", "voices"];

    private static readonly string[] Adjectives = ["Gentle", "Distant", "Heavy", "Soft", "Sharp", "Low", "Bright", "Muffled", "Echoing", "Quiet"];
    private static readonly string[] Nouns = ["rain", "thunder", "traffic", "bells", "wind", "footsteps", "piano", "choir", "market", "waves", "crickets", "train"];
    private static readonly string[] Awkward =
    [
        "Rain on a tin roof, heavy",
        "Bird \"song\" at dawn",
        "Café ambience — Paris",
        "日本の祭り太鼓",
        "Line one\nline two",
        "Wind 🌬️ through pines",
        "  Spaces   around  ",
        "Comma, \"quote\", and, more",
    ];

    public SoundCatalogue(int count = 120)
    {
        var sounds = new List<Sound>(count);
        for (var id = 1; id <= count; id++)
        {
            var title = id <= Awkward.Length
                ? Awkward[id - 1]
                : $"{Adjectives[id % Adjectives.Length]} {Nouns[id * 7 % Nouns.Length]} #{id}";
            sounds.Add(new Sound(id, title, Categories[id % Categories.Length], HasAudio: id % 17 != 0, Frequency: 220 + id * 5));
        }
        Sounds = sounds;
    }

    public IReadOnlyList<Sound> Sounds { get; }

    public const int PageSize = 10;

    /// <summary>Sounds shown on every category's first page as well: links the crawl must fetch once only.</summary>
    public IReadOnlyList<Sound> Featured => Sounds.Take(5).ToArray();

    public Sound? Find(int id) => id >= 1 && id <= Sounds.Count ? Sounds[id - 1] : null;

    public IReadOnlyList<Sound> InCategory(string category) => Sounds.Where(s => s.Category == category).ToArray();
}
