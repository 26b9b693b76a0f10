using System.Text;

namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>
/// Renders an entry page as the real site does: <c>div.pr.dictionary &gt; .link &gt; .pr.di.superentry &gt; .di-body
/// &gt; .entry &gt; .entry-body</c> holding one <c>div.pr.entry-body__el</c> per part of speech (a phrasal verb's
/// <c>div.pv-block</c> nested in its verb), or a <c>div.pr.idiom-block</c>; pronunciation groups
/// <c>span.uk.dpron-i</c>/<c>span.us.dpron-i</c> with an <c>&lt;audio&gt;</c> of mp3 and ogg sources and the IPA;
/// many definition blocks with linked examples; and the page chrome, a browse sidebar and a word-of-the-day box
/// that plays another word's recording outside every entry block. Pages are padded with definitions to
/// <see cref="TargetBytes"/>, the size of a real entry page.
/// </summary>
public sealed class CambridgeEntryPage(CambridgeLexicon lexicon, int targetBytes = CambridgeEntryPage.TargetBytes)
{
    public const int TargetBytes = 80_000;

    private static readonly string[] Vocabulary =
        ["activity", "person", "physical", "effort", "money", "material", "produce", "house", "clothes", "travel", "common", "family",
         "finish", "start", "place", "example", "language", "sound", "speak", "music", "voice", "letter", "public", "market"];

    /// <param name="origin">The site's origin for absolute and protocol-relative audio sources; null writes root-relative ones.</param>
    public string Render(LexiconEntry entry, Uri? origin)
    {
        var dictionary = CambridgeLexicon.Dictionary;
        var canonical = (origin is null ? "" : origin.GetLeftPart(UriPartial.Authority)) + CambridgeHtml.EntryHref(dictionary, entry.Slug);
        var head = new StringBuilder(targetBytes + 4096);
        CambridgeHtml.Open(head, $"{entry.Headword} | English meaning - Cambridge Dictionary", canonical, "break default_layout", CambridgeAmpMarkup.Head());
        CambridgeAmpMarkup.BodyStart(head, dictionary);
        head.Append("<div class=\"hfr-m ltab lp-m_l-15\">\n<article id=\"page-content\" class=\"hfl-m lt2b lmt-10 lmb-25 lp-s_r-20 x han tc-bd lmt-20 english\" role=\"main\">\n")
            .Append("<div class=\"page\">\n<div class=\"pr dictionary\" data-id=\"cald4\" role=\"tabpanel\"><div class=\"link\"><div class=\"pr di superentry\" itemprop=\"text\"><div class=\"di-body\">\n");

        var tail = new StringBuilder();
        tail.Append("</div></div></div></div>\n");
        var audioId = 100;
        if (entry.AmericanSection)
        {
            tail.Append("<div class=\"pr dictionary\" data-id=\"cacd\" role=\"tabpanel\"><div class=\"di-head c_h di_h\"><h2 class=\"c_hh\">American Dictionary</h2></div>")
                .Append("<div class=\"link\"><div class=\"pr di superentry\"><div class=\"di-body\"><div class=\"entry\"><div class=\"entry-body\">");
            var block = entry.Blocks[0];
            var american = block with { Uk = null };
            tail.Append(Block(american, entry, origin, ref audioId, senses: 2, minBytes: 0, nested: null));
            tail.Append("</div></div></div></div></div></div>\n");
        }
        CambridgeHtml.Advert(tail, "ad_contentslot_2");
        tail.Append("</div>\n</article>\n");
        Sidebar(tail, entry);
        tail.Append("</div>\n");
        CambridgeHtml.Close(tail);

        var body = new StringBuilder();
        var budget = Math.Max(0, targetBytes - head.Length - tail.Length - 200);
        var audio = 1;
        if (entry.Blocks[0].Kind == EntryBlockKind.Idiom)
        {
            body.Append(Block(entry.Blocks[0], entry, origin, ref audio, senses: 3, minBytes: budget, nested: null));
        }
        else
        {
            body.Append("<div class=\"entry\"><div class=\"entry-body\">\n");
            var blocks = entry.Blocks.Where(b => b.Kind == EntryBlockKind.PartOfSpeech).ToArray();
            var phrasal = entry.Blocks.FirstOrDefault(b => b.Kind == EntryBlockKind.PhrasalVerb);
            for (var i = 0; i < blocks.Length; i++)
            {
                var nested = i == blocks.Length - 1 ? phrasal : null;
                body.Append(Block(blocks[i], entry, origin, ref audio, senses: 3, minBytes: i == 0 ? budget - (blocks.Length - 1) * 6000 : 0, nested));
                if (i == 0)
                    CambridgeHtml.Advert(body, "ad_contentslot_1");
            }
            body.Append("</div></div>\n");
        }
        return head.Append(body).Append(tail).ToString();
    }

    private string Block(EntryBlock block, LexiconEntry entry, Uri? origin, ref int audioId, int senses, int minBytes, EntryBlock? nested)
    {
        var html = new StringBuilder();
        var hw = CambridgeHtml.Encode(block.Headword);
        var pos = CambridgeHtml.Encode(block.PartOfSpeech);
        switch (block.Kind)
        {
            case EntryBlockKind.Idiom:
                html.Append("<div class=\"pr idiom-block\"><div class=\"idiom-block\"><div class=\"di-title\"><h2 class=\"headword tw-bw dhw dpos-h_hw \">")
                    .Append("<span class=\"hw dhw\">").Append(hw).Append("</span></h2></div><span class=\"di-info\"><span class=\"pos dpos\">").Append(pos).Append("</span> ");
                Groups(html, block, entry, origin, ref audioId);
                html.Append("</span><div class=\"idiom-body didiom-body\">");
                Senses(html, block, entry, senses, minBytes, "dsense-noh");
                html.Append("</div></div></div>\n");
                break;
            case EntryBlockKind.PhrasalVerb:
                html.Append("<div class=\"pv-block\"><div class=\"di-title\"><h2 class=\"headword tw-bw dhw dpos-h_hw \"><span class=\"hw dhw\">").Append(hw).Append("</span></h2></div>")
                    .Append("<div class=\"pos-header dpos-h\"><div class=\"posgram dpos-g hdib lmr-5\"><span class=\"pos dpos\" title=\"Verb with an adverb or preposition.\">").Append(pos).Append("</span></div> ");
                Groups(html, block, entry, origin, ref audioId);
                html.Append("</div><div class=\"pos-body\">");
                Senses(html, block, entry, senses, minBytes, "");
                html.Append("</div></div>\n");
                break;
            default:
                html.Append("<div class=\"pr entry-body__el\"><div class=\"cid\" id=\"cald4-").Append(audioId).Append("\"></div><div class=\"pos-header dpos-h\">")
                    .Append("<div class=\"di-title\"><span class=\"headword hdb tw-bw dhw dpos-h_hw \"><span class=\"hw dhw\">").Append(hw).Append("</span></span></div>")
                    .Append("<div class=\"posgram dpos-g hdib lmr-5\"><span class=\"pos dpos\" title=\"A word that refers to a person, place, idea, event or thing.\">").Append(pos).Append("</span></div> <div></div>");
                Groups(html, block, entry, origin, ref audioId);
                html.Append("</div><div class=\"pos-body\">\n");
                Senses(html, block, entry, senses, minBytes, "");
                html.Append("</div>");
                if (nested is not null)
                    html.Append(Block(nested, entry, origin, ref audioId, senses: 2, minBytes: 0, nested: null));
                html.Append("</div>\n");
                break;
        }
        return html.ToString();
    }

    private void Groups(StringBuilder html, EntryBlock block, LexiconEntry entry, Uri? origin, ref int audioId)
    {
        foreach (var pronunciation in block.Pronunciations)
        {
            html.Append("<span class=\"").Append(pronunciation.Region).Append(" dpron-i \"><span class=\"region dreg\">").Append(pronunciation.Region).Append("</span>");
            if (pronunciation.HasAudio)
            {
                var id = audioId++;
                var name = pronunciation.Region == "uk" ? "British" : "American";
                html.Append("<span class=\"daud\">\n<audio class=\"hdn\" preload=\"none\" id=\"audio").Append(id).Append("\" controlslist=\"nodownload\">\n")
                    .Append("    <div class=\"hdib\" fallback=\"\">\n        <p>Your browser doesn't support HTML5 audio</p>\n    </div>\n")
                    .Append("    <source type=\"audio/mpeg\" src=\"").Append(Source(pronunciation.Mp3Path(CambridgeLexicon.Dictionary), entry.SourceStyle, origin)).Append("\">\n")
                    .Append("    <source type=\"audio/ogg\" src=\"").Append(Source(pronunciation.OggPath(CambridgeLexicon.Dictionary), entry.SourceStyle, origin)).Append("\">\n")
                    .Append("</audio>\n<div title=\"Listen to the ").Append(name).Append(" English pronunciation\" class=\"i i-volume-up c_aud htc hdib hp hv-1 fon tcu tc-bd lmr-10 lpt-3 fs20 hv-3\" ")
                    .Append("onclick=\"audio").Append(id).Append(".load(); audio").Append(id).Append(".play();\" role=\"button\" tabindex=\"0\"></div>\n</span>");
            }
            html.Append("<span class=\"pron dpron\">/<span class=\"ipa dipa lpr-2 lpl-1\">").Append(CambridgeHtml.Encode(pronunciation.Ipa)).Append("</span>/</span></span> ");
        }
    }

    private static string Source(string path, AudioSourceStyle style, Uri? origin) => (style, origin) switch
    {
        (AudioSourceStyle.Relative, _) => "../.." + path,
        (AudioSourceStyle.ProtocolRelative, not null) => "//" + origin.Authority + path,
        (AudioSourceStyle.Absolute, not null) => origin.GetLeftPart(UriPartial.Authority) + path,
        _ => path,
    };

    private void Senses(StringBuilder html, EntryBlock block, LexiconEntry entry, int senses, int minBytes, string senseClass)
    {
        var start = html.Length;
        for (var sense = 0; sense < senses || html.Length - start < minBytes; sense++)
        {
            var seed = entry.Index * 31 + sense;
            html.Append("<div class=\"pr dsense ").Append(senseClass).Append("\"><div class=\"cid\" id=\"cald4-").Append(entry.Index).Append('-').Append(sense).Append("\"></div>")
                .Append("<h3 class=\"dsense_h\"><span class=\"hw dsense_hw\">").Append(CambridgeHtml.Encode(block.Headword)).Append("</span> <span class=\"pos dsense_pos\">")
                .Append(CambridgeHtml.Encode(block.PartOfSpeech)).Append("</span> <span class=\"guideword dsense_gw\">(<span>").Append(Vocabulary[seed % Vocabulary.Length].ToUpperInvariant()).Append("</span>)</span></h3>")
                .Append("<div class=\"sense-body dsense_b\"><div class=\"def-block ddef_block \" data-wl-senseid=\"ID_").Append(entry.Index.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)).Append('_').Append(sense).Append("\">")
                .Append("<div class=\"dwl hax\"><a amp-access=\"loggedIn\" class=\"dwla wordlist-add-button\" title=\"Add this meaning to a word list\"><span class=\"tb fs10 hvm\">Add to word list</span><i class=\"i i-list-ul\" aria-hidden=\"true\"></i></a></div>")
                .Append("<div class=\"ddef_h\"><span class=\"def-info ddef-info\"><span class=\"epp-xref dxref B1\">B1</span> <span class=\"gram dgram\"><a href=\"/help/codes.html\">[ <span class=\"gc dgc\">U</span> ]</a></span></span> ")
                .Append("<div class=\"def ddef_d db\">").Append(Sentence(seed, 9)).Append("</div> </div><div class=\"def-body ddef_b\">");
            for (var example = 0; example < 2 + seed % 3; example++)
                html.Append("<div class=\"examp dexamp\"> <span class=\"eg deg\">").Append(Sentence(seed + example * 7, 11)).Append("</span></div>");
            html.Append("</div></div>");
            CambridgeAmpMarkup.Accordion(html, Enumerable.Range(0, 3).Select(example => Sentence(seed + example * 13 + 3, 12)));
            html.Append("</div></div>\n");
        }
    }

    private static string Sentence(int seed, int words)
    {
        var sentence = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            var word = Vocabulary[(seed * 7 + i * 5) % Vocabulary.Length];
            if (i > 0)
                sentence.Append(' ');
            if (i % 3 == 1)
                sentence.Append("<a class=\"query\" href=\"/dictionary/english/").Append(word).Append("\" title=\"").Append(word).Append("\" rel=\"\">").Append(word).Append("</a>");
            else
                sentence.Append(word);
        }
        return sentence.Append('.').ToString();
    }

    private void Sidebar(StringBuilder html, LexiconEntry entry)
    {
        html.Append("<div class=\"hfr-s lt2s lmt-10\">\n");
        CambridgeHtml.Advert(html, "ad_rightslot");
        var position = IndexOf(entry);
        html.Append("<div class=\"pr x lbb lb-cm\"><h3 class=\"bb fs16 lp-10 lmb-0\">Browse</h3><div class=\"dbrowse lp-10\"><ul class=\"hul-u\">");
        for (var i = Math.Max(0, position - 5); i < Math.Min(lexicon.Entries.Count, position + 6); i++)
        {
            var neighbour = lexicon.Entries[i];
            html.Append("<li><a href=\"").Append(CambridgeHtml.EntryHref(CambridgeLexicon.Dictionary, neighbour.Slug)).Append("\" title=\"").Append(CambridgeHtml.Encode(neighbour.Headword))
                .Append("\"><span class=\"hw haf\">").Append(CambridgeHtml.Encode(neighbour.Headword)).Append("</span></a></li>");
        }
        html.Append("</ul></div></div>\n");

        // The word of the day plays a recording outside every entry block: a crawler must not take it for this entry's.
        var wotd = lexicon.Entries[(position + lexicon.Entries.Count / 2) % lexicon.Entries.Count];
        var wotdAudio = wotd.Blocks.SelectMany(b => b.Pronunciations).FirstOrDefault(p => p.HasAudio);
        html.Append("<div class=\"pr x lbb lb-cm lmt-20\"><h3 class=\"bb fs16 lp-10\">Word of the Day</h3><div class=\"lp-10 wotd\"><p class=\"fs36\"><a href=\"")
            .Append(CambridgeHtml.EntryHref(CambridgeLexicon.Dictionary, wotd.Slug)).Append("\">").Append(CambridgeHtml.Encode(wotd.Headword)).Append("</a></p>");
        if (wotdAudio is not null)
            html.Append("<span class=\"us dpron-i \"><span class=\"daud\"><audio class=\"hdn\" preload=\"none\"><source type=\"audio/mpeg\" src=\"")
                .Append(wotdAudio.Mp3Path(CambridgeLexicon.Dictionary)).Append("\"></audio></span></span>");
        html.Append("</div></div>\n");
        CambridgeHtml.Advert(html, "ad_leftslot");
        html.Append("</div>\n");
    }

    private int IndexOf(LexiconEntry entry)
    {
        var low = 0;
        var high = lexicon.Entries.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var order = string.CompareOrdinal(lexicon.Entries[mid].Slug, entry.Slug);
            if (order == 0)
                return mid;
            if (order < 0)
                low = mid + 1;
            else
                high = mid - 1;
        }
        return 0;
    }
}
