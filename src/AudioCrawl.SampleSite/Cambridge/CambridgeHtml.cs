using System.Net;
using System.Text;

namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>
/// The chrome every page of the mirror shares, modelled on the real site: a head with metadata, inline scripts
/// and styles, a header with the dictionary navigation, ad slots and a footer. It is the noise a parser must ignore.
/// </summary>
internal static class CambridgeHtml
{
    private static readonly string[] Dictionaries =
        ["english", "learner-english", "essential-british-english", "essential-american-english", "english-spanish", "english-french", "english-german", "english-chinese-simplified"];

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public static string EntryHref(string dictionary, string slug) => $"/dictionary/{dictionary}/{Uri.EscapeDataString(slug)}";

    /// <param name="headExtras">Markup a page kind adds at the end of the head (the entry pages' AMP scripts).</param>
    public static void Open(StringBuilder html, string title, string canonical, string bodyClass, string? headExtras = null)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\" class=\"no-js\">\n<head>\n<meta charset=\"UTF-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, minimum-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<meta name=\"description\" content=\"").Append(Encode(title)).Append(": definitions, meanings, pronunciation, audio and example sentences.\">\n")
            .Append("<link rel=\"canonical\" href=\"").Append(canonical).Append("\">\n")
            .Append("<link rel=\"preload\" href=\"/common.css\" as=\"style\"><link rel=\"icon\" href=\"/favicon.ico\">\n")
            .Append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"WebSite\",\"name\":\"Cambridge Dictionary\",\"potentialAction\":{\"@type\":\"SearchAction\",\"target\":\"/search/direct/?datasetsearch=english&q={search_term_string}\",\"query-input\":\"required name=search_term_string\"}}</script>\n")
            .Append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());")
            .Append("var pbjs=pbjs||{};pbjs.que=pbjs.que||[];var googletag=googletag||{};googletag.cmd=googletag.cmd||[];")
            .Append("googletag.cmd.push(function(){var slots=['ad_topslot','ad_leftslot','ad_rightslot','ad_contentslot_1','ad_contentslot_2','ad_btmslot'];")
            .Append("for(var i=0;i<slots.length;i++){googletag.defineSlot('/2863368/'+slots[i],[[728,90],[300,250]],slots[i]).addService(googletag.pubads());}")
            .Append("googletag.pubads().enableSingleRequest();googletag.enableServices();});</script>\n")
            .Append("<style>.hdn{display:none}.hdib{display:inline-block}.pr{position:relative}.cc{background:#fff}.i-browse a{color:#1d2a57}")
            .Append(".dpron-i{white-space:nowrap}.daud{display:inline}.hw{font-weight:700}.def{font-weight:700;line-height:1.6}.examp{font-style:italic}</style>\n")
            .Append(headExtras)
            .Append("</head>\n<body class=\"").Append(bodyClass).Append("\">\n");
        Header(html);
        html.Append("<div class=\"cc fon\"><div class=\"pr cc_pgwn\"><div class=\"x lpl-10 lpr-10 lpt-10 lpb-25 lmax lp-m_l-20 lp-m_r-20\">\n")
            .Append("<div id=\"ad_topslot\" class=\"am-default contentslot\" data-slot=\"topslot\"><div class=\"ad-label\">Advertisement</div></div>\n");
    }

    public static void Close(StringBuilder html)
    {
        html.Append("</div></div></div>\n");
        Footer(html);
        html.Append("<script src=\"/common.js\" defer></script>\n<script async src=\"https://securepubads.g.doubleclick.net/tag/js/gpt.js\"></script>\n")
            .Append("<script>(function(){var s=document.createElement('script');s.src='/cookie-consent.js';document.head.appendChild(s);})();</script>\n")
            .Append("</body>\n</html>\n");
    }

    public static void Advert(StringBuilder html, string id) =>
        html.Append("<div id=\"").Append(id).Append("\" class=\"am-default contentslot\"><div class=\"ad-label\">Advertisement</div>")
            .Append("<iframe title=\"3rd party ad content\" src=\"about:blank\" width=\"300\" height=\"250\" frameborder=\"0\"></iframe></div>\n");

    private static void Header(StringBuilder html)
    {
        html.Append("<header id=\"header\" class=\"pr bh han ch\"><div class=\"hdf-s x lpl-10 lpr-10 lmax\">")
            .Append("<a class=\"hdib lpt-10 lpb-10\" href=\"/\" title=\"Cambridge Dictionary\"><span class=\"logo\">Cambridge Dictionary</span></a>")
            .Append("<nav class=\"hdib hao lpl-20\" aria-label=\"Main navigation\"><ul class=\"hul-u hul-u0 hax\">")
            .Append("<li><a href=\"/dictionary/\">Dictionary</a></li><li><a href=\"/translate/\">Translate</a></li>")
            .Append("<li><a href=\"/grammar/british-grammar/\">Grammar</a></li><li><a href=\"/thesaurus/\">Thesaurus</a></li>")
            .Append("<li><a href=\"/plus/\">+Plus</a></li><li><a href=\"/games/\">Games</a></li><li><a href=\"/auth/signin\" rel=\"nofollow\">Log in</a></li></ul></nav>")
            .Append("<form class=\"hdib\" action=\"/search/direct/\" method=\"get\"><input type=\"hidden\" name=\"datasetsearch\" value=\"english\">")
            .Append("<input name=\"q\" type=\"text\" aria-label=\"Search\" placeholder=\"Search English\" autocomplete=\"off\"><button type=\"submit\">Search</button></form>")
            .Append("<div class=\"hdn\" id=\"dictionaries\"><ul class=\"hul-u\">");
        foreach (var dictionary in Dictionaries)
            html.Append("<li><a href=\"/dictionary/").Append(dictionary).Append("/\">").Append(dictionary.Replace('-', ' ')).Append("</a></li>");
        html.Append("</ul></div></div></header>\n");
    }

    private static void Footer(StringBuilder html)
    {
        html.Append("<footer id=\"footer\" class=\"pr bh lpt-25 lpb-25\"><div class=\"x lmax\"><div class=\"hdf\">");
        string[][] columns =
        [
            ["Learn", "/learn.html", "New Words", "/newwords/", "Help", "/help/", "In Print", "/inprint/"],
            ["Word of the Year", "/wordoftheyear/", "About", "/about.html", "Privacy", "/privacy", "Cookies", "/cookies"],
            ["Browse", "/browse/english/", "Translate", "/translate/", "Grammar", "/grammar/", "Contact", "/contact"],
        ];
        foreach (var column in columns)
        {
            html.Append("<ul class=\"hul-u hfl-s\">");
            for (var i = 0; i < column.Length; i += 2)
                html.Append("<li><a href=\"").Append(column[i + 1]).Append("\">").Append(column[i]).Append("</a></li>");
            html.Append("</ul>");
        }
        html.Append("</div><p class=\"fs12\">&copy; Cambridge University Press &amp; Assessment 2026</p></div></footer>\n");
    }
}
