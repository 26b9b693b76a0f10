using System.Collections.Frozen;

namespace Crawler.Abstractions.Html;

/// <summary>The element names the tokenizer and the element stack treat specially, shared as lower-case strings.</summary>
public static class HtmlTagNames
{
    private static readonly FrozenSet<string> Known = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
    [
        "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo", "blockquote", "body", "br",
        "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn",
        "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd",
        "keygen", "label", "legend", "li", "link", "listing", "main", "mark", "math", "menu", "meta", "meter", "nav",
        "noembed", "noframes", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture",
        "plaintext", "pre", "progress", "q", "rb", "rp", "rt", "rtc", "ruby", "s", "samp", "script", "search", "section",
        "select", "slot", "small", "source", "span", "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody",
        "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "u", "ul", "var", "video",
        "wbr", "xmp", "basefont", "bgsound", "frame", "frameset", "image", "nobr", "strike", "tt", "big", "font", "marquee",
        "applet",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownBySpan = Known.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string> RawText = FrozenSet.Create(StringComparer.Ordinal,
        ["script", "style", "xmp", "iframe", "noembed", "noframes", "title", "textarea", "plaintext"]);

    private static readonly FrozenSet<string> Void = FrozenSet.Create(StringComparer.Ordinal,
    [
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
        "link", "meta", "param", "source", "track", "wbr",
    ]);

    /// <summary>The lower-case name: the set's own string for a known element (no allocation), a new one otherwise.</summary>
    public static string Get(ReadOnlySpan<char> name) =>
        KnownBySpan.TryGetValue(name, out var known) ? known : name.ToString().ToLowerInvariant();

    /// <summary>Elements whose content is text up to their end tag (script, style, title, ...), never markup.</summary>
    public static bool IsRawText(string name) => RawText.Contains(name);

    /// <summary>Elements that have no end tag and never contain anything (img, source, meta, ...).</summary>
    public static bool IsVoid(string name) => Void.Contains(name);
}
