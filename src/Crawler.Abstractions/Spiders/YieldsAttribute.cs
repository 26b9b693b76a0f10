namespace Crawler.Abstractions.Spiders;

/// <summary>
/// What every page a callback handles should yield (Scrapy's <c>@returns</c> contract, checked on real runs): at least
/// <see cref="Requests"/> requests and at least <see cref="Pairs"/> pairs, unless the callback incremented one of the
/// <see cref="OrCounted"/> custom counters while it ran (a counted, legitimate reason such as "cambridge/no_audio").
/// A page that yields less counts against the contract; see <see cref="PageContract"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class YieldsAttribute : Attribute
{
    /// <summary>The fewest requests a page should yield (0: any number).</summary>
    public int Requests { get; init; }

    /// <summary>The fewest pairs a page should yield (0: any number).</summary>
    public int Pairs { get; init; }

    /// <summary>Custom counters (<c>CrawlStats.Custom</c>) whose increment during the callback satisfies the contract; a trailing <c>*</c> matches a prefix.</summary>
    public string[] OrCounted { get; init; } = [];

    internal PageContract ToContract(string callback) => new(callback) { Requests = Requests, Pairs = Pairs, OrCounted = OrCounted };
}
