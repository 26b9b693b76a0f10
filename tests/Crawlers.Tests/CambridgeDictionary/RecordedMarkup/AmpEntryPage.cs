using System.Net;
using System.Text;

namespace Crawlers.Tests.CambridgeDictionary.RecordedMarkup;

/// <summary>
/// An entry page in the site's 2020–2022 layout, built on AMP components, modelled on recordings kept as parser
/// fixtures and on serialised entry blocks in public tests: the AMP runtime and extension scripts, the
/// <c>amp-boilerplate</c> style with its <c>noscript</c> twin, one very long <c>style amp-custom</c> line, JSON-LD,
/// <c>amp-state</c> JSON, a header whose search box is an <c>amp-autocomplete</c> holding an <c>amp-mustache</c>
/// <c>&lt;template&gt;</c> (and a word-list <c>amp-list</c> with another), <c>amp-img</c> with a <c>noscript</c>
/// image, SVG icons, ad slots with inline scripts and iframes, <c>amp-accordion</c> example lists, the
/// <c>dpron-i</c> groups with an <c>&lt;audio&gt;</c> holding a fallback <c>div</c> and two sources, bilingual
/// <c>span.trans.dtrans</c> translations, nested phrasal-verb blocks, phrase blocks with their own pronunciation,
/// idiom pages, an American Dictionary section printing its IPA beside the groups, a word of the day outside every
/// block, and the GTM <c>noscript</c> iframe. The AMP page (<c>/amp/…</c>) plays its recordings with
/// <c>amp-audio</c> instead.
/// </summary>
internal static class AmpEntryPage
{
    public static string Render(RecordedWord word, RecordedEdition edition, Uri url, int variant, bool ampPage)
    {
        var html = new StringBuilder(96 * 1024);
        var chinese = edition.TranslationLang is not null;
        var title = chinese ? $"{word.Headword}中文(简体)翻译：剑桥词典" : $"{word.Headword.ToUpperInvariant()} | English meaning - Cambridge Dictionary";
        html.Append("<!doctype html>\n<html ").Append(ampPage ? "⚡ " : "").Append("lang=\"").Append(edition.TranslationLang ?? "en").Append("\" class=\"\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n<meta name=\"viewport\" content=\"width=device-width,minimum-scale=1,initial-scale=1\">\n")
            .Append("<link rel=\"canonical\" href=\"").Append(url.AbsoluteUri).Append("\">\n<link rel=\"preconnect\" href=\"https://cdn.ampproject.org\">\n")
            .Append("<script async src=\"https://cdn.ampproject.org/v0.js\"></script>\n");
        foreach (var component in new[] { "amp-bind", "amp-accordion", "amp-sidebar", "amp-autocomplete", "amp-list", "amp-form", "amp-iframe", "amp-access", "amp-analytics", ampPage ? "amp-audio" : "amp-lightbox" })
            html.Append("<script async custom-element=\"").Append(component).Append("\" src=\"https://cdn.ampproject.org/v0/").Append(component).Append("-0.1.js\"></script>\n");
        html.Append("<script async custom-template=\"amp-mustache\" src=\"https://cdn.ampproject.org/v0/amp-mustache-0.2.js\"></script>\n")
            .Append("<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}</style>")
            .Append("<noscript><style amp-boilerplate>body{-webkit-animation:none;animation:none}</style></noscript>\n<style amp-custom>");
        for (var rule = 0; rule < 260 + variant % 40; rule++)
            html.Append(".l").Append(rule).Append("{margin:").Append(rule % 30).Append("px 0}.hv-").Append(rule).Append(":hover>.i{color:#").Append((rule * 2654435761u % 0xFFFFFF).ToString("x6", System.Globalization.CultureInfo.InvariantCulture)).Append('}');
        html.Append(".dpron-i .daud{display:inline-block}.dpron-i:after{content:\"\\2022\"}</style>\n")
            .Append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"WebPage\",\"name\":\"").Append(Encode(word.Headword))
            .Append("\",\"description\":\"<b>").Append(Encode(word.Headword)).Append("<\\/b> meaning, definition\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"Cambridge University Press & Assessment\"}}</script>\n")
            .Append("<script type=\"text/javascript\">\n  var pbjs = pbjs || {}; pbjs.que = pbjs.que || [];\n  var isMobile = window.innerWidth < 768 && window.innerWidth > 0;\n")
            .Append("  function addSlot(id) { var div = '<div id=\"' + id + '\" class=\"am-default\"></div>'; if (id.length > 3 && isMobile) { document.write(div + '</div>'); } }\n")
            .Append("  var s = document.createElement('script'); s.src = '//securepubads.g.doubleclick.net/tag/js/gpt.js'; document.write('<script src=\"/js/gpt.js\"><\\/script>');\n</script>\n")
            .Append("<meta property=\"og:image\" content=\"https://dictionary.cambridge.org/external/images/og-image.png\">\n</head>\n<body class=\"break default_layout\">\n")
            .Append("<amp-state id=\"stateGlobal\"><script type=\"application/json\">{\"wlSenseId\":\"\",\"wotd\":\"\",\"flyout\":false,\"imageCredits\":\"\"}</script></amp-state>\n")
            .Append("<amp-state id=\"stateSearch\"><script type=\"application/json\">{\"dataset\":\"").Append(edition.Name).Append("\",\"dataset_text\":\"English\",\"isDictionary\":true,\"isExample\":false}</script></amp-state>\n")
            .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" style=\"display:none\"><symbol id=\"i-volume\" viewBox=\"0 0 20 20\"><path d=\"M0 6h4l5-5v18l-5-5H0z\"/></symbol><symbol id=\"i-search\" viewBox=\"0 0 20 20\"><circle cx=\"8\" cy=\"8\" r=\"7\"></circle><path d=\"M13 13l6 6\"></symbol></svg>\n");
        Header(html, edition, variant);
        html.Append("<div class=\"cc fon\">\n<div class=\"pr cc_pgwn\">\n<div class=\"x lpl-10 lpr-10 lpt-10 lpb-25 lmax lp-m_l-20 lp-m_r-20\">\n");
        Advert(html, "ad_topslot_a", variant);
        html.Append("<div class=\"hfr-m ltab lp-m_l-15\">\n<article id=\"page-content\" class=\"hfl-m lt2b lmt-10 lmb-25 lp-s_r-20 x han tc-bd lmt-20 english\" role=\"main\">\n")
            .Append("<!-- <div class=\"pr entry-body__el\"><span class=\"uk dpron-i\"><source src=\"/commented-out.mp3\"></span></div> -->\n")
            .Append("<div class=\"page\">\n<div class=\"pr dictionary\" data-id=\"").Append(chinese ? "cald4-zhs" : "cald4").Append("\" role=\"tabpanel\"><div class=\"link\"><div class=\"pr di superentry\" itemprop=\"text\">")
            .Append("<div class=\"di-head c_h di_h\"><div class=\"di-title\"><h2 class=\"c_hh\">").Append(chinese ? "“" + Encode(word.Headword) + "”的翻译" : "Meaning of " + Encode(word.Headword) + " in English").Append("</h2></div></div><div class=\"di-body\">\n");
        var audio = 1;
        if (word.Blocks[0].Kind == RecordedBlockKind.Idiom)
        {
            Idiom(html, word.Blocks[0], edition, variant, ampPage, ref audio);
        }
        else
        {
            html.Append("<div class=\"entry\"><div class=\"entry-body\">\n");
            var parts = word.Blocks.Where(b => b.Kind == RecordedBlockKind.PartOfSpeech).ToArray();
            var phrasal = word.Blocks.Where(b => b.Kind == RecordedBlockKind.PhrasalVerb).ToArray();
            for (var i = 0; i < parts.Length; i++)
            {
                PartOfSpeech(html, parts[i], edition, variant + i, ampPage, ref audio, i == parts.Length - 1 ? phrasal : []);
                if (i == 0)
                    Advert(html, "ad_contentslot_1", variant);
            }
            html.Append("</div></div>\n");
        }
        html.Append("</div></div></div></div>\n");
        if (!chinese && word.Blocks[0].Kind == RecordedBlockKind.PartOfSpeech && variant % 2 == 0)
            American(html, word.Blocks[0], edition, ampPage, ref audio);
        Advert(html, "ad_contentslot_2", variant);
        html.Append("</div>\n</article>\n");
        Sidebar(html, edition, variant);
        html.Append("</div>\n</div>\n</div>\n</div>\n");
        Footer(html);
        return html.ToString();
    }

    private static void Header(StringBuilder html, RecordedEdition edition, int variant)
    {
        html.Append("<amp-sidebar id=\"sidebarNav\" layout=\"nodisplay\" side=\"left\" class=\"bw hoh\"><div class=\"hfl\"><amp-img src=\"/external/images/logo.svg\" width=\"180\" height=\"28\" alt=\"Cambridge Dictionary\" layout=\"fixed\">")
            .Append("<noscript><img src=\"/external/images/logo.svg\" width=\"180\" height=\"28\" alt=\"Cambridge Dictionary\"></noscript></amp-img></div>\n<nav><ul class=\"hul-u hax\">");
        foreach (var (href, label) in new[] { ("/dictionary/", "Dictionary"), ("/translate/", "Translate"), ("/grammar/british-grammar/", "Grammar"), ("/thesaurus/", "Thesaurus"), ("/plus/", "+Plus") })
            html.Append("<li><a href=\"").Append(edition.Interface).Append(href).Append("\" class=\"hdb\">").Append(label).Append("</a></li>");
        html.Append("</ul></nav></amp-sidebar>\n<header id=\"header\" class=\"pr bh han ch\"><div class=\"hdf-s x lpl-10 lpr-10 lmax\">")
            .Append("<span class=\"hdib hao\" role=\"button\" tabindex=\"0\" on=\"tap:sidebarNav.toggle\" aria-label=\"Open site navigation panel\"><i class=\"i i-bars\" aria-hidden=\"true\"></i></span>")
            .Append("<a class=\"hdib lpt-10 lpb-10\" href=\"").Append(edition.Interface).Append("/\" title=\"Cambridge Dictionary\"><svg class=\"logo\" viewBox=\"0 0 180 28\"><use xlink:href=\"#logo\"/></svg></a>\n")
            .Append("<form action=\"").Append(edition.Interface).Append("/search/direct/\" method=\"get\" class=\"lcs\" target=\"_top\" role=\"search\">")
            .Append("<input type=\"hidden\" name=\"datasetsearch\" value=\"").Append(edition.Name).Append("\" [value]=\"stateSearch.dataset\">")
            .Append("<amp-autocomplete id=\"searchAutoComplete\" filter=\"none\" min-characters=\"2\" src=\"/autocomplete/amp?dataset=").Append(edition.Name).Append("\" query=\"q\" submit-on-enter=\"true\" items=\".\" max-items=\"").Append(8 + variant % 3).Append("\">")
            .Append("<input aria-label=\"Search\" type=\"text\" name=\"q\" autocomplete=\"off\" spellcheck=\"false\" placeholder=\"Search English\" class=\"hdf ft_ ft-c lp-0 lpl-15 lb0 cdo-search-input\" required>")
            .Append("<template type=\"amp-mustache\" id=\"amp-template-autocomplete\"><div class=\"haxa\" data-value=\"{{word}}\" data-url=\"{{url}}\">{{word}}{{#beta}} <span class=\"pos dpos\">{{beta}}</span>{{/beta}}</div></template>")
            .Append("</amp-autocomplete><button type=\"submit\" class=\"bo iwc iwc-40 hao lb0 cdo-search-button lp-0\" aria-label=\"Search\" title=\"Search\"><svg class=\"i\" aria-hidden=\"true\"><use xlink:href=\"#i-search\"></use></svg></button></form>\n")
            .Append("<amp-list layout=\"fixed-height\" height=\"40\" src=\"/auth/info?rid=amp-profile\" items=\".\" single-item credentials=\"include\" class=\"hdib\">")
            .Append("<template type=\"amp-mustache\">{{#loggedIn}}<a href=\"/plus/\" class=\"hdib\"><span class=\"hw dhw\">{{username}}</span></a>{{/loggedIn}}{{^loggedIn}}<a href=\"/auth/signin\" class=\"hdib\">Log in</a>{{/loggedIn}}</template>")
            .Append("<div placeholder><a href=\"/auth/signin\" rel=\"nofollow\" class=\"hdib\">Log in</a></div></amp-list>\n</div></header>\n");
    }

    private static void PartOfSpeech(StringBuilder html, RecordedBlock block, RecordedEdition edition, int variant, bool ampPage, ref int audio, IReadOnlyList<RecordedBlock> phrasal)
    {
        html.Append("<div class=\"pr entry-body__el\"><div class=\"cid\" id=\"cald4-").Append(audio).Append("\"></div><div class=\"pos-header dpos-h\"><div class=\"di-title\"><span class=\"headword hdb tw-bw dhw dpos-h_hw \"><span class=\"hw dhw\">")
            .Append(Encode(block.Headword)).Append("</span></span></div><div class=\"posgram dpos-g hdib lmr-5\"><span class=\"pos dpos\" title=\"A word that refers to a person, place, idea, event or thing.\">").Append(block.PartOfSpeech)
            .Append("</span> <span class=\"gram dgram\"><a href=\"/help/codes.html\">[ <span class=\"gc dgc\">C</span> or <span class=\"gc dgc\">U</span> ]</a></span></div> <div></div>");
        Groups(html, block, edition, ampPage, ref audio, withIpa: true);
        if (block.PartOfSpeech == "verb")
            html.Append("<span class=\"irreg-infls dinfls \"><span class=\"inf-group dinfg \"><b class=\"inf dinf\">").Append(Encode(block.Headword)).Append("ed</b></span></span>");
        html.Append("</div><div class=\"pos-body\">\n");
        for (var sense = 0; sense < 2 + variant % 3; sense++)
            Sense(html, block, edition, sense + variant, ampPage, ref audio);
        foreach (var pv in phrasal)
        {
            html.Append("<div class=\"pv-block\"><div class=\"di-title\"><h2 class=\"headword tw-bw dhw dpos-h_hw \"><span class=\"hw dhw\">").Append(Encode(pv.Headword)).Append("</span></h2></div>")
                .Append("<div class=\"pos-header dpos-h\"><div class=\"posgram dpos-g hdib lmr-5\"><span class=\"pos dpos\" title=\"Verb with an adverb or preposition.\">").Append(pv.PartOfSpeech).Append("</span></div> ");
            Groups(html, pv, edition, ampPage, ref audio, withIpa: true);
            html.Append("</div><div class=\"pos-body\">");
            Sense(html, pv, edition, variant + 7, ampPage, ref audio);
            html.Append("</div></div>\n");
        }
        html.Append("</div>\n<div class=\"xref idioms hax dxref-w lmt-25 lmb-25\"><h3 class=\"bb fs16 lp-10 lmb-0\"><strong class=\"xref-title dxref-t\">Idioms</strong></h3><div class=\"hax lp-10 lb lb-cm lbt0 dwl\">")
            .Append("<div class=\"item lc lc1 lc-xs6-12 lpb-10 lpr-10\"><a href=\"").Append(edition.DictionaryPath).Append("/have-your-work-cut-out\" title=\"have your work cut out\"><span class=\"x-h dx-h\">have your work cut out</span></a></div></div></div>\n</div>\n");
    }

    private static void Idiom(StringBuilder html, RecordedBlock block, RecordedEdition edition, int variant, bool ampPage, ref int audio)
    {
        html.Append("<div class=\"pr idiom-block\"><div class=\"idiom-block\"><div class=\"di-title\"><h2 class=\"headword tw-bw dhw dpos-h_hw \"><span class=\"hw dhw\">").Append(Encode(block.Headword))
            .Append("</span></h2></div><span class=\"di-info\"><span class=\"pos dpos\">").Append(block.PartOfSpeech).Append("</span> ");
        Groups(html, block, edition, ampPage, ref audio, withIpa: true);
        html.Append("</span><div class=\"idiom-body didiom-body\">");
        for (var sense = 0; sense < 2 + variant % 2; sense++)
            Sense(html, block, edition, sense, ampPage, ref audio);
        html.Append("</div></div></div>\n");
    }

    // The American Dictionary prints one transcription beside the groups, not inside them.
    private static void American(StringBuilder html, RecordedBlock block, RecordedEdition edition, bool ampPage, ref int audio)
    {
        html.Append("<div class=\"pr dictionary\" data-id=\"cacd\" role=\"tabpanel\"><div class=\"di-head c_h di_h\"><h2 class=\"c_hh\">").Append(Encode(block.Headword)).Append(" | American Dictionary</h2></div>")
            .Append("<div class=\"link\"><div class=\"pr di superentry\"><div class=\"di-body\"><div class=\"entry\"><div class=\"entry-body\"><div class=\"pr entry-body__el\"><div class=\"pos-header dpos-h\">")
            .Append("<div class=\"di-title\"><span class=\"headword hdb tw-bw dhw dpos-h_hw \"><span class=\"hw dhw\">").Append(Encode(block.Headword)).Append("</span></span></div>")
            .Append("<div class=\"posgram dpos-g hdib lmr-5\"><span class=\"pos dpos\">").Append(block.PartOfSpeech).Append("</span></div> ");
        Groups(html, block with { UkAudio = false }, edition, ampPage, ref audio, withIpa: false);
        html.Append("<span class=\"pron dpron\">/<span class=\"ipa dipa\">").Append(Encode(block.UsIpa)).Append("</span>/</span></div><div class=\"pos-body\">");
        Sense(html, block, edition, 3, ampPage, ref audio);
        html.Append("</div></div></div></div></div></div></div></div>\n");
    }

    private static void Groups(StringBuilder html, RecordedBlock block, RecordedEdition edition, bool ampPage, ref int audio, bool withIpa)
    {
        foreach (var (region, ipa, hasAudio) in new[] { ("uk", block.UkIpa, block.UkAudio), ("us", block.UsIpa, block.UsAudio) })
        {
            if (!withIpa && !hasAudio)
                continue;
            html.Append("<span class=\"").Append(region).Append(" dpron-i \"><span class=\"region dreg\">").Append(region).Append("</span>");
            if (hasAudio)
            {
                var id = audio++;
                var mp3 = edition.Audio(block, region);
                var ogg = edition.Audio(block, region, "_ogg");
                html.Append("<span class=\"daud\">                    \n");
                if (ampPage)
                {
                    html.Append("<amp-audio layout=\"nodisplay\" id=\"ampaudio").Append(id).Append("\" class=\"hdn\">\n    <source type=\"audio/mpeg\" src=\"").Append(mp3).Append("\"/>\n    <source type=\"audio/ogg\" src=\"").Append(ogg)
                        .Append("\"/>\n    <div fallback=\"\"><p>Your browser doesn't support HTML5 audio</p></div>\n</amp-audio>\n<div title=\"Listen to the pronunciation\" class=\"i i-volume-up c_aud htc hdib hp hv-1 fon tcu tc-bd lmr-10 lpt-3 fs20 hv-3\" on=\"tap:ampaudio")
                        .Append(id).Append(".play\" role=\"button\" tabindex=\"0\"></div>\n");
                }
                else
                {
                    html.Append("<audio class=\"hdn\" preload=\"none\" id=\"audio").Append(id).Append("\" controlslist=\"nodownload\">\n    <div class=\"hdib\" fallback=\"\">\n        <p>Your browser doesn't support HTML5 audio</p>\n    </div>\n")
                        .Append("    <source type=\"audio/mpeg\" src=\"").Append(mp3).Append("\">\n    <source type=\"audio/ogg\" src=\"").Append(ogg).Append("\">\n</audio>\n")
                        .Append("<div title=\"Listen to the pronunciation\" class=\"i i-volume-up c_aud htc hdib hp hv-1 fon tcu tc-bd lmr-10 lpt-3 fs20 hv-3\" onclick=\"audio").Append(id).Append(".load(); audio").Append(id).Append(".play();\" role=\"button\" tabindex=\"0\"></div>\n");
                }
                html.Append("</span>");
            }
            if (withIpa)
                html.Append("<span class=\"pron dpron\">/<span class=\"ipa dipa lpr-2 lpl-1\">").Append(IpaMarkup(ipa)).Append("</span>/</span>");
            html.Append("</span> ");
        }
    }

    // The site marks optional sounds as superscripts: wɜː<span class="sp dsp">r</span>k.
    private static string IpaMarkup(string ipa) =>
        Encode(ipa).Replace("(r)", "<span class=\"sp dsp\">r</span>", StringComparison.Ordinal);

    private static void Sense(StringBuilder html, RecordedBlock block, RecordedEdition edition, int sense, bool ampPage, ref int audio)
    {
        html.Append("<div class=\"pr dsense \"><div class=\"cid\" id=\"cald4-1-").Append(sense).Append("\"></div> <h3 class=\"dsense_h\"><span class=\"hw dsense_hw\">").Append(Encode(block.Headword))
            .Append("</span> <span class=\"pos dsense_pos\" title=\"...\">").Append(block.PartOfSpeech).Append("</span> <span class=\"guideword dsense_gw\" title=\"Guide word\">\n        (<span>ACTIVITY</span>)\n  </span></h3> ")
            .Append("<div class=\"sense-body dsense_b\"><div class=\"def-block ddef_block \" data-wl-senseid=\"ID_000364").Append(sense).Append("_01\">\n                    <div class=\"dwl hax\">\n")
            .Append("    <a amp-access=\"loggedIn\" amp-access-hide=\"\" class=\"dwla wordlist-add-button\" title=\"Add this meaning to a word list\" on=\"tap:AMP.setState({ stateGlobal: { wlSenseId: 'ID_000364").Append(sense)
            .Append("_01', wotd: '").Append(Encode(block.Headword).Replace("&#39;", "\\&#39;", StringComparison.Ordinal)).Append("' } }), sidebarWordList.open\">\n        <i class=\"i i-plus\" aria-hidden=\"true\"></i>\n        <i class=\"i i-list-ul\" aria-hidden=\"true\"></i>\n    </a>\n")
            .Append("    <a amp-access=\"NOT loggedIn\" class=\"dwla wordlist-add-button\" title=\"Add this meaning to a word list\" on=\"tap:amp-access.login-sign-in\">\n        <i class=\"i i-plus\" aria-hidden=\"true\"></i>\n    </a>\n    </div>\n")
            .Append("            <div class=\"ddef_h\"><span class=\"def-info ddef-info\"><span class=\"epp-xref dxref A1\">A1</span> <span class=\"gram dgram\"><a href=\"/help/codes.html\">[ <span class=\"gc dgc\">U</span> ]</a></span></span> ")
            .Append("<div class=\"def ddef_d db\">an <a class=\"query\" href=\"").Append(edition.DictionaryPath).Append("/activity\" title=\"activity\" rel=\"\">activity</a>, such as a job, that a person uses physical or mental effort to do &ndash; usually for money&nbsp;</div> </div>")
            .Append("<div class=\"def-body ddef_b\">  \n");
        if (edition.TranslationLang is { } lang)
            html.Append("    <span class=\"trans dtrans dtrans-se  break-cj\" lang=\"").Append(lang).Append("\"><a class=\"Ref\" href=\"/dictionary/chinese-english/x\"><span class=\"dtrans\">").Append(edition.Translation(sense)).Append("</span></a></span>\n");
        for (var example = 0; example < 2 + sense % 4; example++)
        {
            html.Append("        <div class=\"examp dexamp\"> <span class=\"eg deg\">I've got so much work to <span class=\"b db\">do</span> &ndash; it's &quot;").Append(Encode(block.Headword)).Append("&quot;.</span>  \n");
            if (edition.TranslationLang is { } exampleLang)
                html.Append("    <span class=\"trans dtrans dtrans-se hdb break-cj\" lang=\"").Append(exampleLang).Append("\">").Append(edition.Translation(sense + example + 1)).Append("</span>\n");
            html.Append("        </div>");
        }
        html.Append(" </div></div>\n");
        if (sense % 3 == 1 && block.Kind == RecordedBlockKind.PartOfSpeech)
            Phrase(html, block, edition, ampPage, ref audio);
        html.Append("                        <div class=\"daccord\"><amp-accordion disable-session-states=\"\"><section").Append(sense % 2 == 0 ? " expanded" : "").Append(">\n")
            .Append("                    <header class=\"ca_h daccord_h\">\n                            <i class=\"i i-plus ca_hi\" aria-hidden=\"true\"></i>\n                            <span class=\"showmore\">More examples</span><span class=\"showless\">Fewer examples</span></header>")
            .Append("<ul class=\"hul-u hul-u0 ca_b daccord_b lm-0\"><li class=\"eg dexamp hax\">In <a class=\"query\" href=\"").Append(edition.DictionaryPath).Append("/common\" title=\"common\" rel=\"\">common</a> with many mothers, she feels torn.</li>")
            .Append("<li class=\"eg dexamp hax\">We had a disagreement over the fee for the work.</li></ul>\n                        </section>\n                </amp-accordion></div></div>\n")
            .Append("<script type=\"text/javascript\">\nif(typeof iaw !== 'undefined') {\n    iaw.que.push(function() { iaw.addPageCriteria(\"cdo_elvl\", \"B1\"); });\n}\n</script>\n");
    }

    // A phrase inside a sense with its own pronunciation is a block of its own: div.phrase-block.
    private static void Phrase(StringBuilder html, RecordedBlock block, RecordedEdition edition, bool ampPage, ref int audio)
    {
        var phrase = block with { Kind = RecordedBlockKind.PartOfSpeech, Headword = "at " + block.Headword, UsAudio = false };
        html.Append("<div class=\"pr phrase-block dphrase-block \"><span class=\"phrase-head dphrase_h\"><span class=\"phrase-title dphrase-title\"><b>").Append(Encode(phrase.Headword)).Append("</b></span><span class=\"phrase-info dphrase-info\">");
        Groups(html, phrase, edition, ampPage, ref audio, withIpa: true);
        html.Append("</span></span><div class=\"phrase-body dphrase_b\"><div class=\"def-block ddef_block \"><div class=\"def ddef_d db\">working</div></div></div></div>\n");
    }

    private static void Advert(StringBuilder html, string id, int variant)
    {
        html.Append("<div id=\"").Append(id).Append("\" class=\"am-default contentslot\" data-google-query-id=\"CK").Append(variant).Append("\">\n<div class=\"ad-label\">Advertisement</div>\n")
            .Append("<script type=\"text/javascript\">iaw.cmd.push(function () { iaw.display(\"").Append(id).Append("\"); });</script>\n")
            .Append("<div id=\"google_ads_iframe_/2863368/").Append(id).Append("_0__container__\" style=\"border: 0pt none;\"><iframe id=\"google_ads_iframe_/2863368/").Append(id)
            .Append("_0\" title=\"3rd party ad content\" width=\"300\" height=\"250\" scrolling=\"no\" marginwidth=\"0\" frameborder=\"0\" srcdoc=\"\" style=\"border: 0px;\">Your browser doesn't show <b>frames</iframe></div></div>\n");
    }

    private static void Sidebar(StringBuilder html, RecordedEdition edition, int variant)
    {
        html.Append("<div class=\"hfr-s lt2s lmt-10\">\n");
        Advert(html, "ad_rightslot", variant);
        html.Append("<div class=\"pr x lbb lb-cm\"><h3 class=\"bb fs16 lp-10 lmb-0\">Word of the Day</h3><div class=\"lp-10 wotd\"><amp-img src=\"/images/wotd.jpg\" width=\"300\" height=\"150\" layout=\"responsive\" alt=\"\">")
            .Append("<noscript><img src=\"/images/wotd.jpg\" alt=\"\"></noscript></amp-img><p class=\"fs36 lmt-5 feature-w-big wotd-hw\"><a href=\"").Append(edition.DictionaryPath).Append("/sonder\">sonder</a></p>")
            .Append("<span class=\"uk dpron-i \"><span class=\"daud\"><audio class=\"hdn\" preload=\"none\"><source type=\"audio/mpeg\" src=\"/media/english/uk_pron/s/son/sonde/sonder.mp3\"></audio></span><span class=\"pron dpron\">/<span class=\"ipa dipa\">ˈsɒn.də</span>/</span></span>")
            .Append("</div></div>\n<div class=\"pr x lbb lb-cm lmt-20\"><h3 class=\"bb fs16 lp-10\">Blog</h3><div class=\"lp-10\"><p class=\"fs16 lmb-0\"><a href=\"https://dictionaryblog.cambridge.org/\">Word-related news</a>")
            .Append("<div class=\"lmt-10\"><amp-iframe width=\"300\" height=\"100\" sandbox=\"allow-scripts\" layout=\"responsive\" frameborder=\"0\" src=\"https://dictionaryblog.cambridge.org/embed\"><div placeholder>Loading</div></amp-iframe></div></div></div>\n")
            .Append("</div>\n");
    }

    private static void Footer(StringBuilder html)
    {
        html.Append("<footer id=\"footer\" class=\"pr bh lpt-25 lpb-25\"><div class=\"x lmax\"><div class=\"hdf\"><ul class=\"hul-u hfl-s\">");
        foreach (var (href, label) in new[] { ("/learn.html", "Learn"), ("/newwords/", "New Words"), ("/help/", "Help"), ("/about.html", "About"), ("/privacy", "Privacy and Cookies Policy") })
            html.Append("<li><a href=\"").Append(href).Append("\" class=\"hdb\">").Append(label).Append("</a></li>");
        html.Append("</ul></div><p class=\"fs12\">&copy; Cambridge University Press &amp; Assessment 2022</p></div></footer>\n")
            .Append("<amp-analytics type=\"googleanalytics\" config=\"https://amp.analytics-debugger.com/ga4.json\" data-credentials=\"include\"><script type=\"application/json\">{\"vars\":{\"GA4_MEASUREMENT_ID\":\"G-XXXX\"},\"triggers\":{\"pv\":{\"on\":\"visible\",\"request\":\"pageview\"}}}</script></amp-analytics>\n")
            .Append("<amp-lightbox id=\"cookie-banner\" layout=\"nodisplay\"><div class=\"lightbox\"><p>We use cookies. <a href=\"/privacy\">Read more</a></p><button on=\"tap:cookie-banner.close\">Accept</button></div></amp-lightbox>\n")
            .Append("<noscript><iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-5XZZXX\" height=\"0\" width=\"0\" style=\"display:none;visibility:hidden\"></iframe></noscript>\n</body>\n</html>\n");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
