namespace AudioCrawl.SampleSite.Commons;

/// <summary>
/// The files and categories of the mock Commons: a Lingua Libre pronunciation category (word recordings named
/// <c>LL-Q… (lang)-speaker-word.wav</c>), and a small tree of bird sound categories two levels deep holding audio
/// in several formats, an Ogg video and an image (neither is audio).
/// </summary>
public sealed class CommonsCatalogue
{
    public const string LinguaLibreFrench = "Category:Lingua Libre pronunciation-fra";
    public const string Birds = "Category:Bird vocalizations";
    public const string Blackbird = "Category:Turdus merula vocalizations";
    public const string BlackbirdFrance = "Category:Turdus merula songs from France";

    private const string BySa4 = "CC BY-SA 4.0";
    private const string BySa4Url = "https://creativecommons.org/licenses/by-sa/4.0";

    public CommonsCatalogue()
    {
        var id = 100_000;
        var files = new List<CommonsFile>();
        foreach (var (speaker, word) in new[] { ("Aliénor", "bonjour"), ("Aliénor", "merci"), ("Marc-André", "peut-être"), ("Marc-André", "chat"), ("Aliénor", "pomme de terre"), ("Lepticed7", "oiseau"), ("Lepticed7", "aujourd'hui") })
        {
            files.Add(new CommonsFile(++id, $"File:LL-Q150 (fra)-{speaker}-{word}.wav", "audio/x-wav", "", UserLink(speaker), BySa4, BySa4Url, [LinguaLibreFrench]));
        }
        files.Add(new CommonsFile(++id, "File:Dawn chorus in a beech wood.ogg", "application/ogg",
            "<p>A <b>dawn chorus</b> recorded in a beech wood in spring.</p>", UserLink("Field Recordist"), "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0", [Birds]));
        files.Add(new CommonsFile(++id, "File:Robin singing (video).ogg", "application/ogg", "<p>A robin singing on a branch.</p>", UserLink("Field Recordist"), BySa4, BySa4Url, [Birds]) { Width = 640 });
        files.Add(new CommonsFile(++id, "File:Turdus merula 2.jpg", "image/jpeg", "<p>A blackbird on a lawn.</p>", UserLink("Field Recordist"), BySa4, BySa4Url, [Birds, Blackbird]));
        files.Add(new CommonsFile(++id, "File:Turdus merula - song.mp3", "audio/mpeg",
            "<div class=\"description en\" lang=\"en\">Song of a <a href=\"https://en.wikipedia.org/wiki/Common_blackbird\">Common Blackbird</a> (<i>Turdus merula</i>) at dusk.</div>",
            "<a href=\"//commons.wikimedia.org/wiki/User:Jonas_N\" title=\"User:Jonas N\">Jonas N</a>", "CC0", "http://creativecommons.org/publicdomain/zero/1.0/deed.en", [Blackbird]));
        files.Add(new CommonsFile(++id, "File:Turdus merula alarm call.flac", "audio/x-flac",
            "Alarm call of a blackbird &amp; its mate, dawn chorus in the background.", "Unknown author", "Public domain", "", [Blackbird]));
        files.Add(new CommonsFile(++id, "File:Merle noir chant Paris.wav", "audio/wav", "<p>Blackbird song in a Paris courtyard.</p>", UserLink("Aliénor"), BySa4, BySa4Url, [BlackbirdFrance]));
        Files = files;
    }

    public IReadOnlyList<CommonsFile> Files { get; }

    /// <summary>Subcategories of each category.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Subcategories { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [Birds] = [Blackbird],
        [Blackbird] = [BlackbirdFrance, Birds],
    };

    public static int CategoryPageId(string category) => 500_000 + category.Sum(c => c) % 10_000;

    public IReadOnlyList<CommonsFile> InCategory(string category) =>
        Files.Where(f => f.Categories.Contains(category)).OrderBy(f => f.Title, StringComparer.Ordinal).ToArray();

    /// <summary>Files whose title or description holds every word of the search (CirrusSearch's <c>filetype:audio</c> keeps audio).</summary>
    public IReadOnlyList<CommonsFile> Search(string search)
    {
        var words = search.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var audioOnly = words.Remove("filetype:audio");
        return Files.Where(f => (!audioOnly || f.IsAudio) && words.All(w => (f.Title + " " + f.Description).Contains(w, StringComparison.OrdinalIgnoreCase))).ToArray();
    }

    /// <summary>The file an upload path (decoded, as the server sees it) names.</summary>
    public CommonsFile? FindByUploadPath(string path) => Files.FirstOrDefault(f => Uri.UnescapeDataString(f.UploadPath) == path);

    private static string UserLink(string user) =>
        $"<a href=\"//commons.wikimedia.org/wiki/User:{Uri.EscapeDataString(user.Replace(' ', '_'))}\" title=\"User:{user}\">{user}</a>";
}
