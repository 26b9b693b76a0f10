using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Tests.Engine;

namespace Crawler.Core.Tests.Spiders;

/// <summary>
/// A spider with a constructor dependency: the crawl host's container supplies its <see cref="CaptionStyle"/>. It
/// prefers one request at a time per host (the built-in default is two).
/// </summary>
[Spider("captioned-links", "Follows every link, keeps every audio with a caption made by a registered service.")]
public sealed class CaptionedLinkSpider(CaptionStyle style) : Spider<LinkSettings>, IEngineDefaults
{
    public static EngineSettings EngineDefaults(EngineSettings builtIn) => builtIn with { PerHost = 1 };

    public override IAsyncEnumerable<Request> StartRequestsAsync(CancellationToken cancellationToken = default) =>
        Settings.StartUrls.Select(url => new Request(url)).ToAsyncEnumerable();

    public IEnumerable<SpiderOutput> Parse(Response response)
    {
        var title = response.CssFirst("h1")?.TextContent ?? response.Url.AbsolutePath;
        foreach (var source in response.Css("audio source[src], audio[src]"))
        {
            if (response.Resolve(source.GetAttribute("src")) is { } audio)
                yield return new AudioPair(audio, style.Caption(title));
        }
        foreach (var request in response.FollowAll(response.Css("a[href]").Select(a => a.GetAttribute("href"))))
            yield return request;
    }
}
