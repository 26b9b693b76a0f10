using System.Runtime.CompilerServices;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;

namespace Crawler.Core.Tests.Engine;

public sealed record LinkSettings
{
    public IReadOnlyList<Uri> StartUrls { get; init; } = [];

    public bool FailOnPagesContaining { get; init; }
}

/// <summary>
/// Follows every link; yields a pair for every audio source with the page's h1 as text; throws on pages whose
/// body says "explode" (to prove one page's failure does not stop the crawl).
/// </summary>
[Spider("links", "Follows every link, keeps every audio.")]
public sealed class LinkSpider : Spider<LinkSettings>
{
    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var url in Settings.StartUrls)
            yield return new Request(url);
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<SpiderOutput> Parse(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (response.Text.Contains("explode", StringComparison.Ordinal))
            throw new InvalidOperationException("the page exploded");
        var title = response.CssFirst("h1")?.TextContent ?? response.Url.AbsolutePath;
        foreach (var source in response.Css("audio source[src], audio[src]"))
        {
            if (response.Resolve(source.GetAttribute("src")) is { } audio)
                yield return new AudioPair(audio, title);
        }
        foreach (var request in response.FollowAll(response.Css("a[href]").Select(a => a.GetAttribute("href"))))
            yield return request;
        await Task.CompletedTask;
    }
}
