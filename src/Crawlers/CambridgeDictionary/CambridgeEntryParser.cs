using AngleSharp.Dom;

namespace Crawlers.CambridgeDictionary;

/// <summary>
/// Reads the pronunciation groups of a Cambridge Dictionary entry page. An entry block is a
/// <c>div.pr.entry-body__el</c> (one part of speech), a <c>div.pv-block</c> (phrasal verb) or a
/// <c>div.pr.idiom-block</c> (idiom), and a phrase inside a sense (<c>div.phrase-block</c>) when it has its own
/// pronunciation; each holds <c>span.uk.dpron-i</c> / <c>span.us.dpron-i</c> groups with an
/// <c>&lt;audio&gt;</c> of <c>audio/mpeg</c> and <c>audio/ogg</c> sources and the IPA in <c>.ipa.dipa</c>. Pages of
/// the 2018–2019 layout write a group as a <c>span.uk</c> / <c>span.us</c> child of <c>div.pos-header</c> whose play
/// button carries <c>data-src-mp3</c> and <c>data-src-ogg</c>.
/// A group belongs to its nearest enclosing block, so groups outside every block (sidebars, ads) are ignored and
/// a phrasal-verb block nested in a verb block keeps its own headword.
/// </summary>
public static class CambridgeEntryParser
{
    private const string BlockSelector = ".entry-body__el, .pv-block, .idiom-block, .phrase-block";

    private const string GroupSelector = ".dpron-i, .pos-header > .uk, .pos-header > .us";

    public static CambridgeEntryPage Parse(IParentNode document, Uri baseUrl)
    {
        var blockCount = document.QuerySelectorAll(BlockSelector).Count(b => !IsWrappedIdiom(b));
        var pronunciations = new List<CambridgePronunciation>();
        // A block's headword and part of speech are looked up once per page, not once per group: each lookup scans
        // the whole block, definitions included, and a block usually holds a UK and a US group.
        var owners = new Dictionary<IElement, (string? Headword, string? PartOfSpeech)>();
        foreach (var group in document.QuerySelectorAll(GroupSelector))
        {
            if (group.Closest(BlockSelector) is not { } block)
                continue;
            if (!owners.TryGetValue(block, out var owner))
                owners[block] = owner = (HeadwordOf(block), PartOfSpeechOf(block));
            if (owner.Headword is not { } headword)
                continue;
            var (mp3, ogg) = SourcesOf(group, baseUrl);
            pronunciations.Add(new CambridgePronunciation(headword, owner.PartOfSpeech, RegionOf(group), IpaOf(group) ?? UngroupedIpaOf(block), mp3, ogg));
        }
        return new CambridgeEntryPage(blockCount, pronunciations);
    }

    // An idiom page wraps div.idiom-block in div.pr.idiom-block; count such a pair once.
    private static bool IsWrappedIdiom(IElement block) =>
        block.ClassList.Contains("idiom-block") && block.ParentElement?.Closest(".idiom-block") is not null;

    private static string? HeadwordOf(IElement block)
    {
        for (IElement? current = block; current is not null; current = current.ParentElement?.Closest(BlockSelector))
        {
            var own = Own(current, ".hw.dhw").FirstOrDefault()
                ?? Own(current, ".headword").FirstOrDefault()
                ?? Own(current, ".di-title").FirstOrDefault()
                ?? Own(current, ".phrase-title").FirstOrDefault();
            if (Clean(own?.TextContent) is { } text)
                return text;
        }
        return null;
    }

    private static string? PartOfSpeechOf(IElement block)
    {
        for (IElement? current = block; current is not null; current = current.ParentElement?.Closest(BlockSelector))
        {
            if (Clean(Own(current, ".pos.dpos").FirstOrDefault()?.TextContent) is { } pos)
                return pos;
        }
        return null;
    }

    /// <summary>Elements under <paramref name="block"/> that no nested block claims.</summary>
    private static IEnumerable<IElement> Own(IElement block, string selector) =>
        block.QuerySelectorAll(selector).Where(e => e.Closest(BlockSelector) == block);

    private static string RegionOf(IElement group)
    {
        if (group.ClassList.Contains("uk"))
            return "uk";
        if (group.ClassList.Contains("us"))
            return "us";
        return Clean(group.QuerySelector(".region")?.TextContent)?.ToLowerInvariant() ?? "unknown";
    }

    private static string? IpaOf(IElement group) => Clean(group.QuerySelector(".ipa")?.TextContent);

    // The American dictionaries print the transcription beside the groups rather than inside them.
    private static string? UngroupedIpaOf(IElement block) =>
        Clean(Own(block, ".ipa").FirstOrDefault(ipa => ipa.Closest(GroupSelector) is null)?.TextContent);

    private static (Uri? Mp3, Uri? Ogg) SourcesOf(IElement group, Uri baseUrl)
    {
        var sources = new List<(string? Src, string? Type)>();
        foreach (var element in group.QuerySelectorAll("source[src], audio[src], [data-src-mp3], [data-src-ogg]"))
        {
            var src = element.LocalName is "source" or "audio" ? element.GetAttribute("src") : null;
            CambridgeText.AddSources(sources, src, src is null ? null : element.GetAttribute("type"), element.GetAttribute("data-src-mp3"), element.GetAttribute("data-src-ogg"));
        }
        return CambridgeText.Sources(sources, baseUrl);
    }

    private static string? Clean(string? text) => CambridgeText.Clean(text);
}
