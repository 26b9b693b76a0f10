using System.Collections.Frozen;

namespace Crawler.Abstractions.Html;

/// <summary>
/// The stack of open elements of an HTML page read with <see cref="HtmlTokenReader"/>, with the part of the
/// WHATWG tree-construction rules that well-formed and typically sloppy pages need: void elements, end tags that
/// close their unclosed children, paragraphs and list items closed by what follows, SVG and MathML self-closing
/// tags, and <c>&lt;template&gt;</c> contents, which a browser keeps out of the document tree (an AMP page's
/// <c>amp-mustache</c> templates). Where a page needs the rest of the algorithm (misnested formatting elements,
/// content moved out of tables), <see cref="IsUnsupported"/> turns true and the caller should parse that page with a
/// real HTML parser instead: the stack never guesses. Each open element carries a caller's <typeparamref name="TFrame"/>.
/// </summary>
public sealed class HtmlElementStack<TFrame>
{
    private static readonly FrozenSet<string> Special = FrozenSet.Create(StringComparer.Ordinal,
    [
        "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br", "button",
        "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed", "fieldset",
        "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
        "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main", "marquee", "menu",
        "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext", "pre", "script",
        "search", "section", "select", "source", "style", "summary", "table", "tbody", "td", "template", "textarea",
        "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp",
    ]);

    private static readonly FrozenSet<string> Formatting = FrozenSet.Create(StringComparer.Ordinal,
        ["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"]);

    // Start tags that close an open <p>.
    private static readonly FrozenSet<string> ClosesParagraph = FrozenSet.Create(StringComparer.Ordinal,
    [
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "listing",
        "main", "menu", "nav", "ol", "p", "plaintext", "pre", "search", "section", "summary", "table", "ul", "xmp", "li",
        "dd", "dt",
    ]);

    // Elements that stop the search for an element "in scope".
    private static readonly FrozenSet<string> ScopeBoundary = FrozenSet.Create(StringComparer.Ordinal,
        ["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"]);

    // Start tags a browser drops unless a table is open.
    private static readonly FrozenSet<string> TableParts = FrozenSet.Create(StringComparer.Ordinal,
        ["caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"]);

    private static readonly FrozenSet<string> TableContext = FrozenSet.Create(StringComparer.Ordinal,
        ["table", "tbody", "thead", "tfoot", "tr"]);

    private static readonly FrozenSet<string> AllowedInTableContext = FrozenSet.Create(StringComparer.Ordinal,
        ["caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td", "th", "script", "style", "template", "input", "form", "table"]);

    // HTML elements that end SVG or MathML content when they start inside it.
    private static readonly FrozenSet<string> BreaksOutOfForeign = FrozenSet.Create(StringComparer.Ordinal,
    [
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2", "h3",
        "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s",
        "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var", "font",
    ]);

    /// <summary>Deeper nesting than real pages ever have: such a page goes to the real parser, keeping every step here bounded.</summary>
    public const int MaxDepth = 512;

    private readonly List<OpenElement> _open = [];

    // How many <template> elements the reader is inside: their contents are a separate fragment, not the tree.
    private int _templateDepth;

    public int Count => _open.Count;

    public TFrame this[int depth] => _open[depth].Frame;

    /// <summary>The page needs the full tree-construction algorithm; <see cref="UnsupportedReason"/> says why.</summary>
    public bool IsUnsupported => UnsupportedReason is not null;

    public string? UnsupportedReason { get; private set; }

    /// <summary>Applies what a start tag closes and says what it makes; for <see cref="HtmlStartTag.Opened"/> the caller then calls <see cref="Push"/>.</summary>
    public HtmlStartTag BeginElement(string name, bool selfClosing, Action<TFrame> onClose)
    {
        if (IsUnsupported)
            return HtmlStartTag.Unsupported;
        if (_templateDepth > 0)
            return BeginInTemplate(name);
        if (name is "html" or "head" or "body")
            return HtmlStartTag.Ignored;
        if (name == "frameset")
            return Refuse("<frameset>");
        if (_open.Count >= MaxDepth)
            return Refuse($"elements nested deeper than {MaxDepth}");
        if (_open.Count > 0 && _open[^1].Foreign)
        {
            if (BreaksOutOfForeign.Contains(name))
                return Refuse($"<{name}> inside SVG or MathML");
            return selfClosing ? HtmlStartTag.Empty : HtmlStartTag.Opened;
        }
        if (name is "svg" or "math")
            return selfClosing ? HtmlStartTag.Empty : HtmlStartTag.Opened;
        if (name == "template")
        {
            // The element is in the tree but holds nothing there: what follows up to its end tag is its content fragment.
            _templateDepth = 1;
            return HtmlStartTag.Empty;
        }
        if (IsOpen("select") && name is not ("option" or "optgroup" or "hr"))
            return Refuse($"<{name}> inside <select>");
        if (TableParts.Contains(name) && !IsOpen("table"))
            return HtmlStartTag.Ignored;
        if (HtmlTagNames.IsVoid(name))
            return HtmlStartTag.Empty;
        if (_open.Count > 0 && TableContext.Contains(_open[^1].Name) && !AllowedInTableContext.Contains(name))
            return Refuse($"<{name}> directly inside <{_open[^1].Name}>");
        if (name == "a" && IsOpen("a"))
            return Refuse("<a> inside <a>");
        if (name is "form" or "button" && IsOpen(name))
            return Refuse($"<{name}> inside <{name}>");
        if (ClosesParagraph.Contains(name) && !CloseParagraph(onClose))
            return HtmlStartTag.Unsupported;
        switch (name)
        {
            case "li":
                return CloseSibling(onClose, "li") ? HtmlStartTag.Opened : HtmlStartTag.Unsupported;
            case "dd" or "dt":
                return CloseSibling(onClose, "dd", "dt") ? HtmlStartTag.Opened : HtmlStartTag.Unsupported;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6" when _open.Count > 0 && _open[^1].Name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                Pop(onClose);
                break;
            case "option":
                PopIfTop(onClose, "option");
                break;
            case "optgroup":
                PopIfTop(onClose, "option");
                PopIfTop(onClose, "optgroup");
                break;
            case "rb" or "rp" or "rt" or "rtc":
                PopIfTop(onClose, "rb", "rp", "rt", "rtc");
                break;
            case "td" or "th":
                PopIfTop(onClose, "td", "th");
                break;
            case "tr":
                PopIfTop(onClose, "td", "th");
                PopIfTop(onClose, "tr");
                break;
            case "tbody" or "thead" or "tfoot":
                PopIfTop(onClose, "td", "th");
                PopIfTop(onClose, "tr");
                PopIfTop(onClose, "tbody", "thead", "tfoot");
                break;
        }
        return HtmlStartTag.Opened;
    }

    public void Push(string name, TFrame frame)
    {
        var foreign = name is "svg" or "math" || (_open.Count > 0 && _open[^1].Foreign);
        _open.Add(new OpenElement(name, foreign, frame));
    }

    public void EndElement(string name, Action<TFrame> onClose)
    {
        if (IsUnsupported)
            return;
        if (_templateDepth > 0)
        {
            if (name == "template")
                _templateDepth--;
            return;
        }
        if (name is "html" or "head" or "body" or "br")
            return;
        if (_open.Count > 0 && _open[^1].Name == name)
        {
            Pop(onClose);
            return;
        }
        if (_open.Count > 0 && _open[^1].Foreign)
        {
            EndForeignElement(name, onClose);
            return;
        }
        if (name is not ("select" or "option" or "optgroup") && IsOpen("select"))
        {
            Unsupported($"</{name}> inside <select>");
            return;
        }
        if (Formatting.Contains(name))
        {
            if (IsOpen(name))
                Unsupported($"misnested </{name}>");
            return;
        }
        var depth = Special.Contains(name) ? FindInScope(name) : FindBeforeSpecial(name);
        if (depth < 0)
            return;
        for (var i = _open.Count - 1; i > depth; i--)
        {
            if (Formatting.Contains(_open[i].Name))
            {
                Unsupported($"</{name}> closes an open <{_open[i].Name}>");
                return;
            }
        }
        while (_open.Count > depth)
            Pop(onClose);
    }

    /// <summary>
    /// Whether a text token belongs to the open element (false inside a template's content). Text outside an
    /// element that may hold it (directly in a table) is moved by a browser: not supported.
    /// </summary>
    public bool Text(ReadOnlySpan<char> text)
    {
        if (IsUnsupported || _templateDepth > 0)
            return false;
        if (_open.Count == 0)
            return true;
        // The reader takes a <title> or <style> for raw text, but inside SVG it holds markup: fine unless it holds a tag.
        if (_open[^1].Foreign && HtmlTagNames.IsRawText(_open[^1].Name) && text.Contains('<'))
            return Unsupported($"<{_open[^1].Name}> inside SVG or MathML holding markup");
        if (!TableContext.Contains(_open[^1].Name))
            return true;
        foreach (var c in text)
        {
            if (!HtmlTokenReader.IsWhitespace(c))
                return Unsupported($"text directly inside <{_open[^1].Name}>");
        }
        return true;
    }

    /// <summary>Closes every element still open at the end of the page.</summary>
    public void EndOfPage(Action<TFrame> onClose)
    {
        while (_open.Count > 0)
            Pop(onClose);
    }

    private bool CloseParagraph(Action<TFrame> onClose)
    {
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            var open = _open[i].Name;
            if (open == "p")
                return PopThrough(i, onClose, "<p>");
            if (ScopeBoundary.Contains(open) || open == "button" || _open[i].Foreign)
                return true;
        }
        return true;
    }

    private bool CloseSibling(Action<TFrame> onClose, params ReadOnlySpan<string> names)
    {
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            var open = _open[i].Name;
            if (names.Contains(open))
                return PopThrough(i, onClose, $"<{open}>");
            if (Special.Contains(open) && open is not ("address" or "div" or "p"))
                return true;
        }
        return true;
    }

    // Closes the element at `depth` and what is still open inside it, as the algorithm does; a formatting element
    // among them would be re-opened by a browser further on (the list of active formatting elements): not supported.
    private bool PopThrough(int depth, Action<TFrame> onClose, string closed)
    {
        for (var i = _open.Count - 1; i > depth; i--)
        {
            if (Formatting.Contains(_open[i].Name))
                return Unsupported($"{closed} holding an open <{_open[i].Name}> is closed by what follows");
        }
        while (_open.Count > depth)
            Pop(onClose);
        return true;
    }

    // Inside SVG or MathML an end tag closes the nearest foreign element of its name and everything inside it.
    private void EndForeignElement(string name, Action<TFrame> onClose)
    {
        for (var i = _open.Count - 1; i >= 0 && _open[i].Foreign; i--)
        {
            if (_open[i].Name == name)
            {
                while (_open.Count > i)
                    Pop(onClose);
                return;
            }
        }
        Unsupported($"</{name}> inside SVG or MathML");
    }

    private HtmlStartTag BeginInTemplate(string name)
    {
        // Foreign content inside a template could hold a foreign <template> whose end tag ends nothing: not followed.
        if (name is "svg" or "math")
            return Refuse($"<{name}> inside <template>");
        if (name == "template")
            _templateDepth++;
        return HtmlStartTag.Ignored;
    }

    private void PopIfTop(Action<TFrame> onClose, params ReadOnlySpan<string> names)
    {
        if (_open.Count > 0 && names.Contains(_open[^1].Name))
            Pop(onClose);
    }

    private int FindInScope(string name)
    {
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            if (_open[i].Name == name)
                return i;
            if (ScopeBoundary.Contains(_open[i].Name) || _open[i].Foreign)
                return -1;
        }
        return -1;
    }

    // "Any other end tag": the nearest open element of that name, unless a special element comes first.
    private int FindBeforeSpecial(string name)
    {
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            if (_open[i].Name == name)
                return i;
            if (Special.Contains(_open[i].Name))
                return -1;
        }
        return -1;
    }

    private bool IsOpen(string name)
    {
        foreach (var open in _open)
        {
            if (open.Name == name)
                return true;
        }
        return false;
    }

    private void Pop(Action<TFrame> onClose)
    {
        var top = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        onClose(top.Frame);
    }

    private bool Unsupported(string reason)
    {
        UnsupportedReason ??= reason;
        return false;
    }

    private HtmlStartTag Refuse(string reason)
    {
        Unsupported(reason);
        return HtmlStartTag.Unsupported;
    }

    private readonly record struct OpenElement(string Name, bool Foreign, TFrame Frame);
}
