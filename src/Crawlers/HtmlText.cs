using AngleSharp.Html.Parser;
using AudioCrawl.Core.Pipeline;

namespace AudioCrawl.Crawlers;

/// <summary>The visible text of an HTML fragment an API returns (descriptions, artist links), white space collapsed.</summary>
internal static class HtmlText
{
    public static string Plain(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return "";
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        return PairNormalizer.NormalizeText(document.Body?.TextContent);
    }
}
