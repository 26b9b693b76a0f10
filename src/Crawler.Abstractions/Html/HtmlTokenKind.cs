namespace Crawler.Abstractions.Html;

public enum HtmlTokenKind
{
    StartTag,
    EndTag,
    Text,
}
