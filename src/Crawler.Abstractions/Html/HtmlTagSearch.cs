namespace Crawler.Abstractions.Html;

/// <summary>Questions about a page's tags that need no tree: answered in one pass of <see cref="HtmlTokenReader"/>.</summary>
public static class HtmlTagSearch
{
    /// <summary>The attribute of the first <paramref name="element"/> that has it (as <c>element[attribute]</c> selects).</summary>
    public static string? FirstAttribute(ReadOnlySpan<char> html, string element, string attribute)
    {
        var reader = new HtmlTokenReader(html);
        while (reader.Read())
        {
            if (reader.Kind == HtmlTokenKind.StartTag && reader.Name == element && reader.GetAttribute(attribute) is { } value)
                return value;
        }
        return null;
    }

    /// <summary>The name and content of every <c>meta</c> element that has both, in page order.</summary>
    public static IReadOnlyList<(string Name, string Content)> MetaNamesAndContents(ReadOnlySpan<char> html)
    {
        var metas = new List<(string, string)>();
        var reader = new HtmlTokenReader(html);
        while (reader.Read())
        {
            if (reader.Kind == HtmlTokenKind.StartTag && reader.Name == "meta" && reader.GetAttribute("name") is { } name && reader.GetAttribute("content") is { } content)
                metas.Add((name, content));
        }
        return metas;
    }
}
