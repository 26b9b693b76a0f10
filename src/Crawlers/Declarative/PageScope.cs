using AngleSharp.Dom;
using Crawler.Abstractions.Http;
using HtmlAgilityPack;

namespace Crawlers.Declarative;

/// <summary>
/// Where selectors look: the whole page (CSS and XPath both work), or one element of it (an item's scope), in which
/// CSS and XPath look inside that element only. Values are the attribute asked for, or the element's text.
/// </summary>
internal sealed class PageScope
{
    private readonly Response _response;
    private readonly IElement? _element;
    private readonly HtmlNode? _node;

    private PageScope(Response response, IElement? element, HtmlNode? node)
    {
        _response = response;
        _element = element;
        _node = node;
    }

    public static PageScope Page(Response response) => new(response, null, null);

    /// <summary>One scope per element the selector matches, in page order.</summary>
    public IEnumerable<PageScope> Split(NodeSelector selector) =>
        selector.Css is { } css
            ? Css(css).Select(e => new PageScope(_response, e, null))
            : XPath(selector.XPath!).Select(n => new PageScope(_response, null, n));

    /// <summary>Every value the selector finds, trimmed, empty ones left out.</summary>
    public IEnumerable<string> Values(NodeSelector selector, string? defaultAttribute = null)
    {
        var attribute = selector.Attribute ?? defaultAttribute;
        var values = selector.Css is { } css
            ? Css(css).Select(e => attribute is null ? e.TextContent : e.GetAttribute(attribute))
            : XPath(selector.XPath!).Select(n => attribute is null ? HtmlEntity.DeEntitize(n.InnerText) : n.Attributes[attribute] is { } a ? HtmlEntity.DeEntitize(a.Value) : null);
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
                yield return value.Trim();
        }
    }

    public string? First(NodeSelector selector, string? defaultAttribute = null) => Values(selector, defaultAttribute).FirstOrDefault();

    private IEnumerable<IElement> Css(string css) =>
        _element is not null ? _element.QuerySelectorAll(css) : _response.Css(css);

    private IEnumerable<HtmlNode> XPath(string xpath) =>
        _node is not null ? (IEnumerable<HtmlNode>?)_node.SelectNodes(xpath) ?? [] : _response.XPath(xpath);
}
