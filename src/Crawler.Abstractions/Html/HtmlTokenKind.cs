namespace AudioCrawl.Core.Html;

public enum HtmlTokenKind
{
    StartTag,
    EndTag,
    Text,
}
