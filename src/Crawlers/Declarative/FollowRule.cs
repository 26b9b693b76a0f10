using System.ComponentModel;
using Crawler.Core.Http;

namespace Crawlers.Declarative;

/// <summary>
/// Which links to follow (Scrapy's <c>Rule(LinkExtractor(...))</c>): the links a selector finds, kept when they match
/// an allow pattern and no deny pattern; the pages they lead to get the item rule <see cref="Items"/>.
/// </summary>
public sealed record FollowRule
{
    [Description("The rule's name, used in errors and stats, and to tell which rule reached a page.")]
    public string Name { get; init; } = "";

    [Description("The elements whose links to follow (attribute href unless set).")]
    public NodeSelector? Links { get; init; }

    [Description("Regular expressions; when any is given, a link must match one of them (searched in the absolute URL).")]
    public IReadOnlyList<string> Allow { get; init; } = [];

    [Description("Regular expressions; a link that matches any of them is not followed.")]
    public IReadOnlyList<string> Deny { get; init; } = [];

    [Description("Follow this rule's links only up to this depth from the start pages (0 for no limit).")]
    public int MaxDepth { get; init; }

    [Description("The item rule that extracts pairs from the pages this rule reaches (Scrapy's callback); none to extract nothing.")]
    public string? Items { get; init; }

    [Description("Apply the follow rules again on the pages this rule reaches. Default: true when the rule has no items, false when it has.")]
    public bool? Follow { get; init; }

    [Description("The fetcher for the pages this rule reaches (http or browser); the spider's fetcher setting when unset.")]
    public string? Fetcher { get; init; }

    [Description("Whether the pages this rule reaches must yield something (pairs when it has items, else links): pages that do not are counted and warned about, and most of them failing ends the crawl as empty (exit 4). false for pages that may legitimately yield nothing.")]
    public bool Expect { get; init; } = true;

    [Description("For the browser fetcher: a CSS selector the pages this rule reaches must show before they are read.")]
    public string? WaitFor { get; init; }
}
