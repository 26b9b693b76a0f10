using AudioCrawl.SampleSite.Cambridge;

namespace AudioCrawl.Benchmarks;

/// <summary>A real-weight (~80 KB) Cambridge entry page with UK and US audio, from the generated mirror.</summary>
public static class EntryPageFixture
{
    public static readonly Uri Origin = new("http://127.0.0.1:8089/");

    public static (string Html, Uri Url) Create()
    {
        var lexicon = new CambridgeLexicon(200);
        var entry = lexicon.Entries.First(e => e.Blocks.Count > 1 && e.Blocks.All(b => b.Pronunciations.Any(p => p.HasAudio)));
        var html = new CambridgeEntryPage(lexicon).Render(entry, Origin);
        return (html, new Uri(Origin, $"/dictionary/{CambridgeLexicon.Dictionary}/{Uri.EscapeDataString(entry.Slug)}"));
    }
}
