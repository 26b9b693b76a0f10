using System.Net;
using System.Text;

namespace Crawlers.Tests.CambridgeDictionary.RecordedMarkup;

/// <summary>
/// An entry page in the site's 2018–2019 layout, modelled on recordings kept as parser fixtures (the English and
/// Chinese-interface pages of <c>love</c> and <c>house</c>): an XHTML-style head with entity-encoded titles, inline
/// scripts full of ad bidders, comparisons and regular expressions, an off-canvas menu whose list items are never
/// closed, a header with a search form and two buttons, a table of contents in an aside, tab lists, share links with
/// single-quoted attributes, and entry blocks (<c>div.entry-body__el</c> without <c>pr</c>) whose <c>span.uk</c> /
/// <c>span.us</c> groups sit directly in <c>div.pos-header</c> and play their recording from <c>data-src-mp3</c> and
/// <c>data-src-ogg</c> attributes (no <c>&lt;audio&gt;</c>); senses as <c>p.def-head</c> with a <c>b.def</c> and
/// examples as <c>div</c> inside <c>span.def-body</c>.
/// </summary>
internal static class ClassicEntryPage
{
    public static string Render(RecordedWord word, RecordedEdition edition, Uri url, int variant)
    {
        var html = new StringBuilder(64 * 1024);
        var lang = edition.TranslationLang ?? "en";
        var title = edition.TranslationLang is null ? $"{word.Headword.ToUpperInvariant()} | meaning in the Cambridge English Dictionary" : $"{word.Headword}在剑桥英语词典中的解释及翻译";
        html.Append("\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"").Append(lang).Append("\" lang=\"").Append(lang).Append("\">\n\n    <head>\n")
            .Append("    <title>").Append(Numeric(title)).Append("</title>\n")
            .Append("    <meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\" />\n")
            .Append("    <meta name=\"description\" content=\"").Append(Numeric(word.Headword + "的意思、解释及翻译：1. to like another adult very much: 了解更多。")).Append("\" />\n")
            .Append("    <meta name='viewport' content='width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no' />\n\n\n\n")
            .Append("    <link rel=\"canonical\" href=\"").Append(url.AbsoluteUri).Append("\" />\n");
        foreach (var hreflang in new[] { "en", "en-US", "es", "ru", "zh-Hans", "zh-Hant", "ja" })
            html.Append("                                        <link rel=\"alternate\" hreflang=\"").Append(hreflang).Append("\" href=\"https://dictionary.cambridge.org/").Append(hreflang.ToLowerInvariant()).Append("/dictionary/english/").Append(word.Slug).Append("\"/>\n");
        html.Append("    <link rel=\"amphtml\" href=\"https://dictionary.cambridge.org").Append(edition.Interface).Append("/amp/").Append(edition.Name).Append('/').Append(word.Slug).Append("\" />\n")
            .Append("    <link href=\"").Append(edition.Interface).Append("/common.css?version=4.0.64\" rel=\"stylesheet\" type=\"text/css\" />\n\n")
            .Append("    <noscript>\n        <style>\n            .nojs-hide { display: none; }\n        </style>\n    </noscript>\n\n")
            .Append("    <script>var dictDefaultList = \"english-chinese-simplified;english;british-grammar\";var isAuthenticated = false;</script>\n")
            .Append("    <script type=\"text/javascript\">\n        var adsArray = new Array();\n        var pageDictCode = \"").Append(edition.Name).Append("\";\n")
            .Append("        var link = window.location.href;\n        if (\"replaceState\" in history && (/#$/.test(link) || /#_=_$/.test(link))) {\n")
            .Append("            history.replaceState(\"\", document.title, window.location.pathname + window.location.search);\n        }\n    </script>\n\n")
            .Append("    <script type='text/javascript'>\nfunction readCookie(name) {\n    var nameEQ = name + \"=\";\n    var ca = document.cookie.split(';');\n")
            .Append("    for ( var i = 0; i < ca.length; i++) {\n        var c = ca[i];\n        while (c.charAt(0) == ' ')\n            c = c.substring(1, c.length);\n")
            .Append("        if (c.indexOf(nameEQ) == 0)\n            return c.substring(nameEQ.length, c.length);\n    }\n    return null;\n}\nvar pl_p = readCookie(\"pl_p\");\n</script>\n\n")
            .Append("    <script type='text/javascript'>\n        var pbHdSlots = [\n");
        foreach (var slot in new[] { "ad_topslot_b", "ad_leftslot", "ad_btmslot_a", "ad_rightslot", "ad_contentslot_1", "ad_contentslot_2" })
        {
            html.Append("            {code: '").Append(slot).Append("', mediaTypes: { banner: { sizes: [[300, 250], [336, 280]] } },\n            bids: [");
            foreach (var bidder in new[] { "rubicon", "appnexus", "ix", "openx", "sovrn", "aol", "pulsepoint" })
                html.Append("{ bidder: '").Append(bidder).Append("', params: { placementId: '").Append(11654100 + slot.Length * 7 + bidder.Length).Append("', delDomain: 'idm-d.openx.net' }},\n                   ");
            html.Append("]},\n");
        }
        html.Append("        ];\n        var customGranularity = { 'buckets': [{ 'min': 0, 'max': 3, 'increment': 0.01, 'cap': true }] };\n    </script>\n")
            .Append("    <script type='text/javascript' async>\n        (function() {\n            var gads = document.createElement('script');\n")
            .Append("            var useSSL = 'https:' == document.location.protocol;\n            gads.src = (useSSL ? 'https:' : 'http:') +'//www.googletagservices.com/tag/js/gpt.js';\n")
            .Append("            var node = document.getElementsByTagName('script')[0];\n            node.parentNode.insertBefore(gads, node);\n        })();\n")
            .Append("        googletag.cmd.push(function() { if (window.innerWidth < 746 && window.innerWidth > 0) { document.write('<div id=\"ad_mob\"></div>'); } });\n    </script>\n")
            .Append("    <meta property=\"og:title\" content=\"").Append(Numeric(title)).Append("\" />\n</head>\n    <body class=\"default_layout\">\n")
            .Append("        <div itemscope itemtype=\"http://schema.org/Product\" style=\"display: none;\">\n            <span itemprop=\"name\">").Append(Numeric(title)).Append("</span>\n")
            .Append("            <a itemprop=\"image\" href=\"").Append(edition.Interface).Append("/external/images/CDO_logo_120x120.jpg?version=4.0.64\">Cambridge Dictionary logo</a>\n        </div>\n\n");
        OffCanvas(html, word, edition);
        Header(html, edition, variant);
        html.Append("        <div id='ad_topslot_a' class='am-default '>\n                            <script type='text/javascript'>\n                googletag.cmd.push(function() { googletag.display('ad_topslot_a'); });\n                </script>\n                                </div>\n\n")
            .Append("        <div class=\"contain cdo-tpl cdo-tpl-main cdo-tpl--entry\">\n\n\t\t\t<div class=\"cdo-tpl__z cdo-tpl-main__z1\">\n")
            .Append("        <div id='ad_leftslot' class='am-default '>\n                <script type='text/javascript'>googletag.cmd.push(function() { googletag.display('ad_leftslot'); });</script>\n                </div>\n    \t\t\t</div>\n\n")
            .Append("\t\t\t<article>\n\t\t\t\t<div class=\"cdo-tpl-main__zwA\">\n").Append('\n', 40)
            .Append("<script>\n    var forceDictCode = \"").Append(edition.Name).Append("\";\n</script>\n\n")
            .Append("<div id=\"page-content\" class=\"cdo-tpl__z cdo-tpl-main__z2 clrd\" role=\"main\">\n")
            .Append("    <div id=\"entryContent\" class=\"entrybox english entry-body\" lang=\"en\" itemscope itemtype=\"http://schema.org/WebPage\">\n")
            .Append("        <div itemprop=\"author\" itemscope itemtype=\"http://schema.org/Organization\">\n            <meta itemprop=\"name\" content='Cambridge Dictionary' />\n        </div>\n")
            .Append("        <meta itemprop=\"copyrightHolder\" content=\"&copy; Cambridge University Press\" />\n        <meta itemprop=\"genre\" content=\"Tennis &amp; racket sports\" />\n")
            .Append("        <div class=\"cdo-dblclick-area\">\n            <h1 class=\"hw\">“").Append(Encode(word.Headword)).Append("”在英语词典中的解释及翻译</h1>\n")
            .Append("            <div class=\"page\" data-type=\"sorter\"> <div class=\"dictionary\" data-type=\"sorted\" data-id=\"cald4\" id=\"dataset-cald4\" data-tab=\"ds-cald4\" role=\"tabpanel\">");
        Contents(html, word);
        html.Append("             <div class=\"link\"><div class=\"di superentry\" itemprop=\"text\">\n")
            .Append("                    <div class=\"di-head\"><div class=\"di-title\">\n                        <h2 class=\"hw\" title=\"什么是“").Append(Encode(word.Headword)).Append("”?\">\n                            “")
            .Append(Encode(word.Headword)).Append("”在英语词典中的解释及翻译\n                        </h2>\n                    </div>\n")
            .Append("                   <a href=\"").Append(url.AbsoluteUri).Append("#translations\" class=\"see-all-translations a--rev\"><i class=\"fcdo fcdo-caret-right\" aria-hidden=\"true\"> </i><b>查看所有翻译</b></a>\n            </div>\n")
            .Append("            <div class=\"di-body\"><div class=\"entry\"><div class=\"entry-body\">");
        var sense = 0;
        foreach (var block in word.Blocks)
            Block(html, block, edition, url, ref sense, variant);
        html.Append("</div></div></div>\n                </div></div>\n            </div></div>\n        </div>\n    </div>\n</div>\n");
        Footer(html, edition);
        return html.ToString();
    }

    private static void OffCanvas(StringBuilder html, RecordedWord word, RecordedEdition edition)
    {
        html.Append("        <div class=\"overlay js-nav-trig\"></div>\n<div class=\"off-canvas\">\n\n\t<span class=\"off-canvas__close js-nav-trig\"><i class=\"fcdo fcdo-close\"></i></span>\n")
            .Append("    <nav class=\"off-canvas__nav js-menu\">\n        <ul>\n            <li>\n                <a href=\"\" class=\"js-has-sub-nav ico-bg-abs ico-bg--chevron\">词典</a>\n                <ul>\n");
        foreach (var (code, name) in new[] { ("english", "英语"), ("learner-english", "学习词典"), ("english-spanish", "英语-西班牙语"), ("italian-english", "意大利语&ndash;英语") })
        {
            html.Append("                    <li>\n                        <span class=\"pointer js-toggle-children\" data-target-selector=\"next\" title=\"更改语言方向\"><i class=\"fcdo fcdo-exchange fcdo--nudge\" aria-hidden=\"true\"></i></span>\n")
                .Append("                        <span>\n                            <a style=\"display: inline;\" href=\"https://dictionary.cambridge.org").Append(edition.Interface).Append("/dictionary/").Append(code)
                .Append("/\" data-dictCode=\"").Append(code).Append("\" title=\"").Append(name).Append("词典\">").Append(name).Append("</a>\n                        </span>\n                    </li>\n");
        }
        html.Append("                </ul>\n            </li>\n        </ul>\n    </nav>\n\n    <div class=\"off-canvas__pad\">\n                    <p>\n                <a class=\"btn btn--impact btn--bold loginBtn btn--forbidden\">\n")
            .Append("                    <i class=\"fcdo fcdo-user\" aria-hidden=\"true\"></i> 登录                </a>\n            </p>\n        \t\t<div class=\"off-canvas__dropdown\">\n")
            .Append("\t\t\t<div style=\"display: none;\" id=\"cdo-lang-opt-sideBarMenu\">\n\t\t\t\t<ul class=\"unstyled cdo-locale-selector\">\n");
        // The recorded menu never closes its list items: each <li> closes the one before it.
        foreach (var (prefix, label) in new[] { ("", "English (UK)"), ("/us", "English (US)"), ("/es", "Español"), ("/zhs", "中文 (简体)"), ("/zht", "正體中文 (繁體)") })
            html.Append("                        \t\t\t\t\t<li><a href=\"").Append(prefix).Append("/dictionary/english/").Append(word.Slug).Append("\" hreflang=\"x\">").Append(label).Append("</a>\n");
        html.Append("                    \t\t\t\t</ul>\n\t\t\t</div>\n\t\t</div>\n\t</div>\n</div>\n\n<div class=\"cdo-hdr-bg\"></div>\n\n");
    }

    private static void Header(StringBuilder html, RecordedEdition edition, int variant)
    {
        html.Append("<header id=\"header\" class=\"cdo-hdr js-hdr\">\n\n\t<div class=\"cdo-hdr__pre clrd\">\n\t\t<div class=\"cdo-hdr__profile\">\n\t\t\t<a class=\"hdr-btn ico-bg js-toggle\" >\n")
            .Append("        <span class=\"btn btn--impact btn--bold loginBtn btn--forbidden\">\n            <i class=\"fcdo fcdo-user\"></i>\n            <span class=\"resp resp--lrg-i\">登录</span>\n        </span>\n</a>\n")
            .Append("    <!-- link to language page as fallback? -->\n\t\t</div>\n\t\t<a href=\"#\" class=\"burger js-nav-trig\" aria-hidden=\"true\"><span><b class=\"accessibility\">菜单</b></span></a>\n\t</div>\n")
            .Append("\t<div class=\"cdo-search\">\n                    <form id=\"cdo-search-form\" action=\"").Append(edition.Interface).Append("/search/english/direct/\">\n\n    <div class=\"cdo-search__bar\">\n")
            .Append("\t\t<label class=\"accessibility\" for=\"cdo-search-input\">搜索词</label>\n")
            .Append("        <input type=\"text\" name=\"q\" class=\"cdo-search__input\" id=\"cdo-search-input\" autocomplete=\"off\" aria-required=\"true\" aria-invalid=\"false\" placeholder=\"搜索 \" />\n")
            .Append("        <span class=\"cdo-search__controls\">\n            <button type=\"submit\" class=\"cdo-search__button\" title=\"搜索\"><i class=\"fcdo fcdo-search\" aria-hidden=\"true\"></i><span class=\"accessibility\">搜索</span></button>\n")
            .Append("            <button class=\"cdo-search__dataset js-toggle ico-bg-abs ico-bg--chevron\" data-target-selector=\"#cdo-dataset\">\n            \t<span id=\"cdo-search-current-dataset\" class=\"resp resp--med-i\"></span>\n")
            .Append("            \t<i class=\"fcdo fcdo-dataset\" aria-hidden=\"true\"></i>\n            </button>\n        </span>\n")
            .Append("        <div id=\"cdo-dataset\" class=\"cdo-search__mega-menu\">\n            <div class=\"pad-extra\">\n                <div class=\"h2 js-toggle\" data-is-basic=\"1\" data-target-selector=\"#megaMenuRecent\">最近的词和建议</div>\n")
            .Append("                <div id=\"megaMenuRecent\" class=\"cdo-search__mega-menu__links\">\n                    <ul id=\"cdo-dataset-prefered-list\"></ul>\n                </div>\n")
            .Append("                <div class=\"h3\">半双语词典</div>\n                <ul>\n");
        for (var i = 0; i < 6 + variant % 5; i++)
            html.Append("                    <li><a href=\"#\" data-dictCode=\"english-").Append(i).Append("\" title=\"剑桥英语词典\">英语</a></li>\n");
        html.Append("                </ul>\n            </div>\n            <div class=\"cdo-search__mega-menu__foot\"><span class=\"js-toggle pointer on\" data-target-selector=\"#cdo-dataset\"><i class=\"fcdo fcdo-close\" title=\"Close\" aria-hidden=\"true\"></i></span></div>\n")
            .Append("        </div>\n\n    </div>\n\n    <div class=\"cdo-search__switches resp resp--sml\"></div>\n</form>        \t</div>\n</header>\n\n        <div id=\"overlay\"></div>\n\n\n");
    }

    private static void Contents(StringBuilder html, RecordedWord word)
    {
        html.Append("                           <div class=\"resp-hide--med\">\n                <div class=\"nav-entry-mob clrd\">\n")
            .Append("                    <div>   <a href=\"#\" class=\"nav-entry-mob__content-toggle txt-block txt-block--alt3 js-toggle resp-hide--med\" title=\"View table of contents\" data-target-selector=\"#cdo-mob-toc-cald4\"><i class=\"fcdo fcdo-navicon\"> </i> Contents</a>")
            .Append("  <div id=\"cdo-mob-toc-cald4\" class=\" clr nav-entry-mob__content hide resp-hide--med \"><aside role=\"complementary\"><div data-toc=\"ds-english\" class=\"mod mod--style4 mod--flush mod-toc\">\n")
            .Append("<div class=\"h3 txt-block txt-block--alt3 flush resp-show--med\">内容</div>\n<ul class=\"unstyled unstyled-nest accord js-accord-ul\">\n");
        foreach (var block in word.Blocks)
        {
            html.Append("<li class=\"section\">\n<a>").Append(block.PartOfSpeech).Append(" <span class=\"smaller\">(2)</span></a><ul>\n")
                .Append("<li><a onclick=\"ga('send','event', 'navigation', 'navigation-link' );\" href=\"#cald4-1-1-1\" title=\"").Append(Encode(block.Headword)).Append(" 意思\n                \"><span class=\"hw\">")
                .Append(Encode(block.Headword)).Append("</span> <span class=\"alt gw\">(LIKE SOMEONE)</span></a></li>\n</ul>\n</li>\n");
        }
        html.Append("</ul>\n</div></aside></div>    </div>\n                </div>\n            </div>\n")
            .Append("            <div class=\"entry-nav tabs__tabs js-tabs resp resp--med\">\n                                <ul role=\"tablist\" data-tabs-count=\"3\">\n");
        foreach (var (id, label) in new[] { ("cald4", "英语"), ("cacd", "美式"), ("examples", "例句") })
        {
            html.Append("                            <li role=\"presentation\">\n                                <a href=\"#dataset-").Append(id).Append("\" id=\"aTabEntry").Append(id)
                .Append("\" class=\"js-trigger \" data-tab=\"ds-").Append(id).Append("\" role=\"tab\" aria-selected=\"true\" data-target-updtext=\"#mobEntryDictName\">").Append(label).Append("</a>\n                            </li>\n");
        }
        html.Append("                                        </ul>\n            </div>\n");
    }

    private static void Block(StringBuilder html, RecordedBlock block, RecordedEdition edition, Uri url, ref int sense, int variant)
    {
        var hw = Encode(block.Headword);
        html.Append(" <div class=\"entry-body__el clrd js-share-holder\"><div class=\"pos-header\"><div class=\"h3 di-title cdo-section-title-hw\"><span class=\"headword\"><span class=\"hw\">").Append(hw).Append("</span></span>\n")
            .Append("                                <span class=\"posgram ico-bg\"><span class=\"pos\" title=\"A word that describes an action, condition or experience.\">").Append(block.PartOfSpeech)
            .Append("</span> <span class=\"gram\"><a href=\"https://dictionary.cambridge.org").Append(edition.Interface).Append("/help/codes.html\">[<span class=\"gcs\"> <span class=\"gc\">T</span> </span>]</a></span></span>\n                            </div>\n")
            .Append("                             ");
        Group(html, block, edition, "uk", block.UkIpa, block.UkAudio, "British English");
        Group(html, block, edition, "us", block.UsIpa, block.UsAudio, "American");
        html.Append("\n\n                       <div class=\"share rounded js-share\">\n        <span class=\"point\"></span>\n");
        foreach (var site in new[] { "facebook", "twitter" })
        {
            var share = $"https://www.{site}.com/share?u={Uri.EscapeDataString(url.AbsoluteUri)}&t={Uri.EscapeDataString(block.Headword)}";
            html.Append("                 <a class=\"circle bg--").Append(site[..2]).Append(" socialShareLink\" title=\"在").Append(site).Append("上分享该词条\" href='").Append(share)
                .Append("' target='_blank' data-social='").Append(site).Append("' data-url='").Append(share).Append("' data-object='entry'>\n        <i class=\"fcdo fcdo-").Append(site).Append("\" aria-hidden=\"true\"></i>\n    </a>\n");
        }
        html.Append("            <a class=\"circle bg--more js-accord\" title=\"更多\" href=\"#\" >\n        <i class=\"fcdo fcdo-plus\"></i>\n        <i class=\"fcdo fcdo-minus\"></i>\n    </a>\n")
            .Append("        <div class=\"oflow-hide js-share-toggle\">\n                     <a class=\"circle bg--def socialShareLink\" title=\"分享这个链接\" dsp-txt='").Append(url.AbsoluteUri)
            .Append("' data-social='url' data-url='").Append(url.AbsoluteUri).Append("' data-object='entry'>\n        <i class=\"fcdo fcdo-link\" aria-hidden=\"true\"></i>\n    </a>\n        </div>\n    </div>\n")
            .Append("            </div><div class=\"pos-body\">\n\n");
        for (var i = 0; i < 2 + variant % 3; i++, sense++)
            Sense(html, block, edition, sense);
        html.Append("                    <div class=\"smartt\">\n                <p class=\"accord-basic js-accord accord-basic--shallow\">词库：同义词和关联词</p>\n                        <div>\n                    <p>\n")
            .Append("                        <a href=\"https://dictionary.cambridge.org/topics/liking/\" class=\"cdo-topic cdo-link\" title=\"&#22312;Liking&#35805;&#39064;&#20013;\">Liking</a>\n                    </p>\n")
            .Append("                    <div class=\"txt-block cloud rounded\">\n                        <div class=\"cdo-cloud-content\">\n                            <ul class=\"unstyled inline\">\n");
        foreach (var related in new[] { "absence", "adore", "care", "cherish", "dote" })
            html.Append("                                    <li>\n                                        <a title=\"").Append(related).Append("\" class=\"t-c\" href=\"/dictionary/english/").Append(related).Append("\">").Append(related).Append("</a>\n                                    </li>\n");
        html.Append("                            </ul>\n                        </div>\n                    </div>\n                </div>\n            </div>\n            </div></div>");
    }

    private static void Group(StringBuilder html, RecordedBlock block, RecordedEdition edition, string region, string ipa, bool audio, string accent)
    {
        html.Append("<span class=\"").Append(region).Append("\"><span class=\"region\">").Append(region).Append("</span>\n");
        if (audio)
        {
            html.Append("                  <span title=\"").Append(Encode(block.Headword)).Append(": listen to ").Append(accent).Append(" pronunciation\" data-src-mp3=\"").Append(edition.Audio(block, region))
                .Append("\" data-src-ogg=\"").Append(edition.Audio(block, region, "_ogg")).Append("\" class=\"circle circle-btn sound audio_play_button\">\n            <i class='fcdo fcdo-volume-up'>&#8203;</i>\n        </span>\n");
        }
        html.Append("               <span class=\"pron\">/<span class=\"ipa\">").Append(Encode(ipa)).Append("</span>/</span>  </span>");
    }

    private static void Sense(StringBuilder html, RecordedBlock block, RecordedEdition edition, int sense)
    {
        html.Append("                    <div class=\"sense-block\" id=\"cald4-1-1-").Append(sense + 1).Append("\">  <h3 class=\"txt-block txt-block--alt2\"><span class=\"hw\">").Append(Encode(block.Headword))
            .Append("</span> <span class=\"pos\" title=\"...\">").Append(block.PartOfSpeech).Append("</span> <span class=\"guideword\" title=\"Guide word\">\n            (<span>LIKE SOMEONE</span>)\n      </span></h3> <div class=\"sense-body\">\n")
            .Append("            <div class=\"def-block pad-indent\" data-wl-senseid=\"ID_000190").Append(sense).Append("_01\"><p class=\"def-head semi-flush\"><span class=\"def-info\"><span class=\"epp-xref A1\">A1</span> </span>")
            .Append("<b class=\"def\">to like another <a class=\"query\" href=\"https://dictionary.cambridge.org/dictionary/english/adult\" title=\"adult\">adult</a> very much and be <a class=\"query\" href=\"https://dictionary.cambridge.org/dictionary/english/romantic\" title=\"romantically\">romantically</a> attracted to them: </b></p>")
            .Append("<span class=\"def-body\">");
        if (edition.TranslationLang is { } lang)
            html.Append("<span class=\"trans\" lang=\"").Append(lang).Append("\">").Append(edition.Translation(sense)).Append("</span>");
        for (var example = 0; example < 3; example++)
        {
            html.Append("<div class=\"examp emphasized\"> <span class=\"eg\">I've only <a class=\"query\" href=\"https://dictionary.cambridge.org/dictionary/english/ever\" title=\"ever\">ever</a> said &quot;").Append(Encode(block.Headword)).Append("&quot; once.</span>");
            if (edition.TranslationLang is { } exampleLang)
                html.Append("<span class=\"trans\" lang=\"").Append(exampleLang).Append("\">").Append(edition.Translation(sense + example + 1)).Append("</span>");
            html.Append("</div>");
        }
        html.Append("</span></div>\n\n                                <div class=\"extraexamps\"><p class=\"accord-basic js-accord accord-basic--shallow\">更多范例</p><ul class=\"unstyled emphasized pad-indent\">")
            .Append("<li class=\"eg\">You may love someone without <a class=\"query\" href=\"https://dictionary.cambridge.org/dictionary/english/necessarily\" title=\"necessarily\">necessarily</a> wanting to marry them.</li><li class=\"eg\">He said he would always love her .</li></ul></div>\n            </div>\n");
    }

    private static void Footer(StringBuilder html, RecordedEdition edition)
    {
        html.Append("\t\t\t\t</div>\n\t\t\t</article>\n\n\t\t\t<div class=\"cdo-tpl__z cdo-tpl-main__z3\">\n        <div id='ad_rightslot' class='am-default '>\n")
            .Append("                <script type='text/javascript'>googletag.cmd.push(function() { googletag.display('ad_rightslot'); });</script>\n        </div>\n\t\t\t</div>\n\t\t</div>\n\n")
            .Append("<footer id=\"footer\" class=\"cdo-ftr\">\n\t<div class=\"contain\">\n\t\t<ul class=\"unstyled cdo-ftr__links\">\n");
        foreach (var (href, label) in new[] { ("/about.html", "关于"), ("/help/", "帮助"), ("/privacy.html", "隐私权与Cookies政策"), ("/legal.html", "法律信息") })
            html.Append("\t\t\t<li><a href=\"").Append(edition.Interface).Append(href).Append("\">").Append(label).Append("</a></li>\n");
        html.Append("\t\t</ul>\n\t\t<p class=\"cdo-ftr__copy\">&copy; Cambridge University Press 2019</p>\n\t</div>\n</footer>\n")
            .Append("<script type=\"text/javascript\" src=\"").Append(edition.Interface).Append("/common.js?version=4.0.64\"></script>\n")
            .Append("<script type=\"text/javascript\">\n    var _comscore = _comscore || [];\n    _comscore.push({ c1: \"2\", c2: \"17809237\" });\n    if (document.cookie.indexOf('euConsent') < 0 && navigator.language != 'en') { document.write('<img src=\"/pixel.gif\" alt=\"\">'); }\n</script>\n")
            .Append("<noscript>\n    <img src=\"https://sb.scorecardresearch.com/p?c1=2&c2=17809237&cv=2.0&cj=1\" />\n</noscript>\n    </body>\n</html>\n");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    // The recorded titles write every non-ASCII character as a numeric reference.
    private static string Numeric(string text)
    {
        var encoded = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (c < 128)
                encoded.Append(WebUtility.HtmlEncode(c.ToString()));
            else
                encoded.Append("&#").Append((int)c).Append(';');
        }
        return encoded.ToString();
    }
}
