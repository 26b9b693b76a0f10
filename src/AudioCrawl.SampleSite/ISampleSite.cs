using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.SampleSite;

/// <summary>One site shape of the built-in sample web (a sound library, a dictionary mirror, ...), served at a host's root.</summary>
public interface ISampleSite
{
    string Name { get; }

    /// <summary>The spider that crawls it, and the settings it needs besides baseUrl.</summary>
    string Spider { get; }

    void Map(IEndpointRouteBuilder routes);

    /// <summary>The url,text pairs a correct crawl of this site delivers.</summary>
    IReadOnlyList<(string Url, string Text)> ExpectedPairs(Uri baseUrl);
}
