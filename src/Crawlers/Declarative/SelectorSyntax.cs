using System.Text.RegularExpressions;
using System.Xml.XPath;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Crawlers.Declarative;

/// <summary>Checks CSS selectors, XPath expressions and regular expressions before a crawl, returning the parser's complaint or null.</summary>
internal static class SelectorSyntax
{
    private static readonly IDocument Empty = new HtmlParser().ParseDocument("<html><body></body></html>");

    public static string? CssError(string css)
    {
        if (string.IsNullOrWhiteSpace(css))
            return "it is empty";
        try
        {
            lock (Empty)
                Empty.QuerySelector(css);
            return null;
        }
        catch (DomException ex)
        {
            return ex.Message;
        }
    }

    public static string? XPathError(string xpath)
    {
        if (string.IsNullOrWhiteSpace(xpath))
            return "it is empty";
        try
        {
            XPathExpression.Compile(xpath);
            return null;
        }
        catch (XPathException ex)
        {
            return ex.Message;
        }
    }

    public static string? RegexError(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }
}
