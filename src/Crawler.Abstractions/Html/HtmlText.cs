using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Crawler.Abstractions.Html;

/// <summary>Text as a reader sees it in an HTML fragment (a feed summary, an API's description field).</summary>
public static partial class HtmlText
{
    /// <summary>The fragment's text content with entities decoded and whitespace runs collapsed; null for null or blank.</summary>
    public static string? ToPlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return null;
        var text = html.Contains('<', StringComparison.Ordinal) || html.Contains('&', StringComparison.Ordinal)
            ? new HtmlParser().ParseDocument("<body>" + html).Body?.TextContent ?? ""
            : html;
        var collapsed = Whitespace().Replace(text, " ").Trim();
        return collapsed.Length == 0 ? null : collapsed;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
