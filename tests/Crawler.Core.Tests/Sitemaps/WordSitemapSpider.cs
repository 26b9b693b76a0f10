using System.Runtime.CompilerServices;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Sitemaps;

namespace Crawler.Core.Tests.Sitemaps;

public sealed record WordSitemapSettings
{
    /// <summary>Sitemaps to start from.</summary>
    public IReadOnlyList<Uri> Sitemaps { get; init; } = [];

    /// <summary>A site whose robots.txt Sitemap lines to start from.</summary>
    public Uri? RobotsOf { get; init; }

    /// <summary>Child sitemaps of an index to follow (all when empty).</summary>
    public string? FollowPattern { get; init; }
}

/// <summary>Starts from sitemaps, follows only word pages (/word/...), and yields each word page's audio with its h1.</summary>
[Spider("word-sitemaps", "Word pages found through sitemaps.")]
public sealed class WordSitemapSpider : Spider<WordSitemapSettings>
{
    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var sitemap in Settings.Sitemaps)
            yield return SitemapFollower.RequestFor(sitemap, nameof(ParseSitemap));
        if (Settings.RobotsOf is { } site)
        {
            foreach (var request in await Sitemaps.FromRobotsTxtAsync(site, nameof(ParseSitemap), cancellationToken))
                yield return request;
        }
    }

    public async IAsyncEnumerable<SpiderOutput> ParseSitemap(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var request in Sitemaps.Follow(response))
            yield return request;
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<SpiderOutput> ParseWord(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (response.Resolve(response.CssFirst("audio source")?.GetAttribute("src")) is { } audio)
            yield return new AudioPair(audio, response.CssFirst("h1")?.TextContent ?? "");
        await Task.CompletedTask;
    }

    private SitemapFollower Sitemaps => new(Context, SitemapFollowOptions.FromRules([new SitemapRule("/word/", nameof(ParseWord))]) with
    {
        FollowSitemap = entry => Settings.FollowPattern is not { } pattern || entry.Location.AbsoluteUri.Contains(pattern, StringComparison.Ordinal),
    });
}
