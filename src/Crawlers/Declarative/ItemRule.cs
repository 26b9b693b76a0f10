using System.ComponentModel;

namespace Crawlers.Declarative;

/// <summary>
/// How a page becomes pairs (Scrapy's item loader): audio URLs from a selector and/or the audio the page requested,
/// and a text from a selector or from a template over named fields. With <see cref="Scope"/>, every element it
/// matches is one item and the other selectors are relative to it.
/// </summary>
public sealed record ItemRule
{
    [Description("The rule's name, used by follow rules' \"items\", in errors and in stats.")]
    public string Name { get; init; } = "";

    [Description("Each element this matches is one item, and the other selectors look inside it; unset: the page is one item. CSS scopes need CSS fields, XPath scopes XPath fields (relative, starting with '.').")]
    public NodeSelector? Scope { get; init; }

    [Description("The audio URLs (attribute src unless set); every URL found gives one pair.")]
    public NodeSelector? Audio { get; init; }

    [Description("Also take the audio URLs the page requested while it ran (browser fetcher only).")]
    public bool NetworkAudio { get; init; }

    [Description("The text of the pair.")]
    public NodeSelector? Text { get; init; }

    [Description("The text as a template over \"fields\": \"{title} — {speaker}\". Use instead of \"text\".")]
    public string? Template { get; init; }

    [Description("Named values for the template. An item missing one is skipped and counted.")]
    public IReadOnlyDictionary<string, NodeSelector> Fields { get; init; } = new Dictionary<string, NodeSelector>();

    [Description("Whether every page this rule extracts from must yield at least one pair: pages that do not are counted and warned about, and most of them failing ends the crawl as empty (exit 4). false when items are optional on its pages.")]
    public bool Expect { get; init; } = true;

    [Description("Tags every pair of this rule carries.")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    [Description("Extra values kept in each pair's original_data, by name (null when not found).")]
    public IReadOnlyDictionary<string, NodeSelector> OriginalData { get; init; } = new Dictionary<string, NodeSelector>();
}
