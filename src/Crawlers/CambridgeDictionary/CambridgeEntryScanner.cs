using System.Text;
using Crawler.Abstractions.Html;

namespace Crawlers.CambridgeDictionary;

/// <summary>
/// Reads an entry page in one streaming pass over its markup, with the meaning of <see cref="CambridgeEntryParser"/>
/// (same blocks, same groups, same headword, part of speech, IPA and sources) but without building a DOM: an
/// ~80 KB entry page holds a few dozen elements that matter among ~1,500, and building the whole tree cost most of
/// the crawl's CPU (docs/benchmarks.md). Returns null when the page needs the full HTML tree-construction rules
/// (<see cref="HtmlElementStack{TFrame}"/>); the caller then uses the DOM parser.
/// </summary>
public static class CambridgeEntryScanner
{
    public static CambridgeEntryPage? TryParse(ReadOnlySpan<char> html, Uri baseUrl, out string? unsupportedReason)
    {
        var scan = new Scan();
        var stack = new HtmlElementStack<Frame>();
        Action<Frame> close = scan.Close;
        var reader = new HtmlTokenReader(html);
        while (reader.Read() && !stack.IsUnsupported)
        {
            switch (reader.Kind)
            {
                case HtmlTokenKind.StartTag:
                    var made = stack.BeginElement(reader.Name, reader.IsSelfClosing, close);
                    if (made is HtmlStartTag.Ignored or HtmlStartTag.Unsupported)
                        break;
                    var parent = stack.Count > 0 ? stack[stack.Count - 1] : Frame.Root;
                    var frame = scan.Open(ref reader, parent, stack.Count);
                    if (made == HtmlStartTag.Opened)
                        stack.Push(reader.Name, frame);
                    else
                        scan.Close(frame);
                    break;
                case HtmlTokenKind.EndTag:
                    stack.EndElement(reader.Name, close);
                    break;
                case HtmlTokenKind.Text:
                    if (stack.Text(reader.RawText))
                        scan.Text(ref reader);
                    break;
            }
        }
        unsupportedReason = stack.UnsupportedReason;
        if (stack.IsUnsupported)
            return null;
        stack.EndOfPage(close);
        return scan.Page(baseUrl);
    }

    /// <param name="IsPosHeader">The element is a <c>div.pos-header</c>: its <c>span.uk</c> / <c>span.us</c> children are groups (2018–2019 layout).</param>
    private readonly record struct Frame(int Block, int Group, int IdiomDepth, int Depth, bool IsPosHeader)
    {
        public static readonly Frame Root = new(-1, -1, 0, -1, false);
    }

    private sealed class Capture
    {
        public StringBuilder Text { get; } = new();
    }

    private sealed class Block(int parent, bool wrappedIdiom)
    {
        public int Parent { get; } = parent;
        public bool WrappedIdiom { get; } = wrappedIdiom;
        public Capture? Hw { get; set; }
        public Capture? DiTitle { get; set; }
        public Capture? Headword { get; set; }
        public Capture? PhraseTitle { get; set; }
        public Capture? PartOfSpeech { get; set; }
        public Capture? UngroupedIpa { get; set; }
    }

    private sealed class Group(int block, int parent, string? regionClass)
    {
        public int Block { get; } = block;

        /// <summary>The group this one sits in (-1 when none): sloppy markup can leave a group open around the next.</summary>
        public int Parent { get; } = parent;

        public string? RegionClass { get; } = regionClass;
        public Capture? Ipa { get; set; }
        public Capture? Region { get; set; }
        public List<(string? Src, string? Type)> Sources { get; } = [];
    }

    private sealed class Scan
    {
        private readonly List<Block> _blocks = [];
        private readonly List<Group> _groups = [];
        private readonly List<(int Depth, Capture Capture)> _open = [];

        public Frame Open(ref HtmlTokenReader tag, Frame parent, int depth)
        {
            tag.TryGetRawAttribute("class", out var classes);
            var block = parent.Block;
            var isIdiom = HtmlClassList.Contains(classes, "idiom-block");
            if (isIdiom || HtmlClassList.Contains(classes, "entry-body__el") || HtmlClassList.Contains(classes, "pv-block") || HtmlClassList.Contains(classes, "phrase-block"))
            {
                _blocks.Add(new Block(parent.Block, isIdiom && parent.IdiomDepth > 0));
                block = _blocks.Count - 1;
            }
            var isGroup = HtmlClassList.Contains(classes, "dpron-i")
                || (parent.IsPosHeader && (HtmlClassList.Contains(classes, "uk") || HtmlClassList.Contains(classes, "us")));
            if (block >= 0 && !classes.IsEmpty)
            {
                var owner = _blocks[block];
                if (HtmlClassList.Contains(classes, "hw") && HtmlClassList.Contains(classes, "dhw"))
                    owner.Hw ??= Start(depth);
                if (HtmlClassList.Contains(classes, "di-title"))
                    owner.DiTitle ??= Start(depth);
                if (HtmlClassList.Contains(classes, "headword"))
                    owner.Headword ??= Start(depth);
                if (HtmlClassList.Contains(classes, "phrase-title"))
                    owner.PhraseTitle ??= Start(depth);
                if (HtmlClassList.Contains(classes, "pos") && HtmlClassList.Contains(classes, "dpos"))
                    owner.PartOfSpeech ??= Start(depth);
                if (HtmlClassList.Contains(classes, "ipa") && parent.Group < 0 && !isGroup)
                    owner.UngroupedIpa ??= Start(depth);
            }
            if (parent.Group >= 0)
            {
                // A group's IPA, region and sources are its descendants', nested groups included (as a DOM query finds them).
                var isIpa = HtmlClassList.Contains(classes, "ipa");
                var isRegion = HtmlClassList.Contains(classes, "region");
                var src = tag.Name is "source" or "audio" ? tag.GetAttribute("src") : null;
                var dataMp3 = tag.GetAttribute("data-src-mp3");
                var dataOgg = tag.GetAttribute("data-src-ogg");
                var type = src is null ? null : tag.GetAttribute("type");
                Capture? ipa = null, region = null;
                for (var index = parent.Group; index >= 0; index = _groups[index].Parent)
                {
                    var group = _groups[index];
                    if (isIpa && group.Ipa is null)
                        group.Ipa = ipa ??= Start(depth);
                    if (isRegion && group.Region is null)
                        group.Region = region ??= Start(depth);
                    CambridgeText.AddSources(group.Sources, src, type, dataMp3, dataOgg);
                }
            }
            var groupIndex = parent.Group;
            if (isGroup)
            {
                var region = HtmlClassList.Contains(classes, "uk") ? "uk" : HtmlClassList.Contains(classes, "us") ? "us" : null;
                _groups.Add(new Group(block, parent.Group, region));
                groupIndex = _groups.Count - 1;
            }
            return new Frame(block, groupIndex, parent.IdiomDepth + (isIdiom ? 1 : 0), depth, HtmlClassList.Contains(classes, "pos-header"));
        }

        public void Close(Frame frame)
        {
            for (var i = _open.Count - 1; i >= 0 && _open[i].Depth >= frame.Depth; i--)
                _open.RemoveAt(i);
        }

        public void Text(ref HtmlTokenReader text)
        {
            if (_open.Count == 0)
                return;
            var decoded = text.DecodedText();
            foreach (var (_, capture) in _open)
                capture.Text.Append(decoded);
        }

        public CambridgeEntryPage Page(Uri baseUrl)
        {
            var pronunciations = new List<CambridgePronunciation>();
            foreach (var group in _groups)
            {
                if (group.Block < 0 || HeadwordOf(group.Block) is not { } headword)
                    continue;
                var (mp3, ogg) = CambridgeText.Sources(group.Sources, baseUrl);
                var region = group.RegionClass ?? CambridgeText.Clean(group.Region?.Text.ToString())?.ToLowerInvariant() ?? "unknown";
                var ipa = CambridgeText.Clean(group.Ipa?.Text.ToString()) ?? CambridgeText.Clean(_blocks[group.Block].UngroupedIpa?.Text.ToString());
                pronunciations.Add(new CambridgePronunciation(headword, PartOfSpeechOf(group.Block), region, ipa, mp3, ogg));
            }
            return new CambridgeEntryPage(_blocks.Count(b => !b.WrappedIdiom), pronunciations);
        }

        private Capture Start(int depth)
        {
            var capture = new Capture();
            _open.Add((depth, capture));
            return capture;
        }

        private string? HeadwordOf(int block)
        {
            for (var current = block; current >= 0; current = _blocks[current].Parent)
            {
                var owner = _blocks[current];
                var own = owner.Hw ?? owner.Headword ?? owner.DiTitle ?? owner.PhraseTitle;
                if (CambridgeText.Clean(own?.Text.ToString()) is { } text)
                    return text;
            }
            return null;
        }

        private string? PartOfSpeechOf(int block)
        {
            for (var current = block; current >= 0; current = _blocks[current].Parent)
            {
                if (CambridgeText.Clean(_blocks[current].PartOfSpeech?.Text.ToString()) is { } pos)
                    return pos;
            }
            return null;
        }
    }
}
