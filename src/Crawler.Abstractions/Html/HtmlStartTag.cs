namespace Crawler.Abstractions.Html;

/// <summary>What a start tag does to the tree, as <see cref="HtmlElementStack{TFrame}.BeginElement"/> decides.</summary>
public enum HtmlStartTag
{
    /// <summary>An element that stays open until its end (the caller pushes it).</summary>
    Opened,

    /// <summary>An element that holds nothing: void (img, source, ...) or self-closed in SVG or MathML.</summary>
    Empty,

    /// <summary>No element at all: the tag is dropped (a second html/body, a table cell outside a table, ...).</summary>
    Ignored,

    /// <summary>The page needs the full tree-construction algorithm; see <see cref="HtmlElementStack{TFrame}.UnsupportedReason"/>.</summary>
    Unsupported,
}
