using System.Text;

namespace AudioCrawl.SampleSite.Cambridge;

/// <summary>
/// What the live entry pages of 2020–2022 carry from AMP and that a streaming reader must get right (docs/cambridge.md):
/// the AMP scripts and <c>amp-boilerplate</c> styles (one inside <c>noscript</c>), <c>amp-state</c> JSON, an SVG
/// sprite whose paths are left open, the search box's <c>amp-autocomplete</c> with an <c>amp-mustache</c>
/// <c>&lt;template&gt;</c> — here holding a pronunciation group, which is not on the page since a template's content
/// is no part of the document — and <c>amp-accordion</c> example lists.
/// </summary>
internal static class CambridgeAmpMarkup
{
    private static readonly string[] Components = ["amp-bind", "amp-accordion", "amp-autocomplete", "amp-list", "amp-form"];

    public static string Head()
    {
        var html = new StringBuilder("<script async src=\"https://cdn.ampproject.org/v0.js\"></script>\n");
        foreach (var component in Components)
            html.Append("<script async custom-element=\"").Append(component).Append("\" src=\"https://cdn.ampproject.org/v0/").Append(component).Append("-0.1.js\"></script>\n");
        return html.Append("<script async custom-template=\"amp-mustache\" src=\"https://cdn.ampproject.org/v0/amp-mustache-0.2.js\"></script>\n")
            .Append("<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}</style>")
            .Append("<noscript><style amp-boilerplate>body{-webkit-animation:none;animation:none}</style></noscript>\n")
            .ToString();
    }

    /// <summary>The start of the body: page state, the icon sprite and the search box with its suggestion template.</summary>
    public static void BodyStart(StringBuilder html, string dictionary)
    {
        html.Append("<amp-state id=\"stateGlobal\"><script type=\"application/json\">{\"wlSenseId\":\"\",\"wotd\":\"\",\"flyout\":false}</script></amp-state>\n")
            .Append("<amp-state id=\"stateSearch\"><script type=\"application/json\">{\"dataset\":\"").Append(dictionary).Append("\",\"isDictionary\":true}</script></amp-state>\n")
            .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" style=\"display:none\"><symbol id=\"i-volume\" viewBox=\"0 0 20 20\"><path d=\"M0 6h4l5-5v18l-5-5H0z\"></symbol>")
            .Append("<symbol id=\"i-search\" viewBox=\"0 0 20 20\"><circle cx=\"8\" cy=\"8\" r=\"7\"/><path d=\"M13 13l6 6\"></symbol></svg>\n")
            .Append("<div class=\"hdn lp-10 msearch\"><form action=\"/search/direct/\" method=\"get\" target=\"_top\" role=\"search\"><input type=\"hidden\" name=\"datasetsearch\" value=\"").Append(dictionary).Append("\" [value]=\"stateSearch.dataset\">")
            .Append("<amp-autocomplete filter=\"none\" min-characters=\"2\" src=\"/autocomplete/amp?dataset=").Append(dictionary).Append("\" query=\"q\" submit-on-enter=\"true\" items=\".\">")
            .Append("<input aria-label=\"Search\" type=\"text\" name=\"q\" autocomplete=\"off\" placeholder=\"Search English\">")
            .Append("<template type=\"amp-mustache\" id=\"amp-template-autocomplete\"><div class=\"pr entry-body__el haxa\" data-value=\"{{word}}\"><span class=\"hw dhw\">{{word}}</span>")
            .Append("<span class=\"uk dpron-i \"><span class=\"daud\"><audio preload=\"none\"><source type=\"audio/mpeg\" src=\"/media/english/uk_pron/{{audio}}.mp3\"></audio></span></span></div></template>")
            .Append("</amp-autocomplete><button type=\"submit\" aria-label=\"Search\"><svg class=\"i\" aria-hidden=\"true\"><use xlink:href=\"#i-search\"></use></svg></button></form></div>\n");
    }

    /// <summary>A sense's "More examples" list, folded in an accordion as the live pages do.</summary>
    public static void Accordion(StringBuilder html, IEnumerable<string> examples)
    {
        html.Append("<div class=\"daccord\"><amp-accordion disable-session-states=\"\"><section><header class=\"ca_h daccord_h\"><i class=\"i i-plus ca_hi\" aria-hidden=\"true\"></i>")
            .Append("<span class=\"showmore\">More examples</span><span class=\"showless\">Fewer examples</span></header><ul class=\"hul-u hul-u0 ca_b daccord_b lm-0\">");
        foreach (var example in examples)
            html.Append("<li class=\"eg dexamp hax\">").Append(example).Append("</li>");
        html.Append("</ul></section></amp-accordion></div>");
    }
}
