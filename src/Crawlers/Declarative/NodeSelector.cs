using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Crawlers.Declarative;

/// <summary>Where a value is on a page: a CSS selector or an XPath expression (one of them), and the attribute to read (the text when none).</summary>
public sealed record NodeSelector
{
    [Description("A CSS selector (AngleSharp), for example \"h1.entry-title\".")]
    public string? Css { get; init; }

    [JsonPropertyName("xpath")]
    [Description("An XPath 1.0 expression (HtmlAgilityPack), for example \"//div[@class='entry-content']/p[1]\".")]
    public string? XPath { get; init; }

    [Description("The attribute to read (href, src, datetime, ...); the element's text when unset. Links default to href, audio to src.")]
    public string? Attribute { get; init; }

    public override string ToString() => Css is not null ? $"css '{Css}'" : $"xpath '{XPath}'";
}
