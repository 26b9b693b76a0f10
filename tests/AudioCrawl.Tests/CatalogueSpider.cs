using System.Runtime.CompilerServices;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;

namespace AudioCrawl.Tests;

public sealed record CatalogueSettings
{
    public Uri BaseUrl { get; init; } = new("http://127.0.0.1:1/");
}

/// <summary>The small example spider of the CLI tests: /catalogue?page=N lists items, /item/N holds audio and a caption.</summary>
[Spider("catalogue", "Test spider: a paginated catalogue of items with audio.")]
public sealed class CatalogueSpider : Spider<CatalogueSettings>
{
    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return new Request(new Uri(Settings.BaseUrl, "catalogue?page=1"));
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<SpiderOutput> Parse(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var request in response.FollowAll(response.Css("a.item").Select(a => a.GetAttribute("href")), nameof(ParseItem)))
            yield return request;
        if (response.Follow(response.CssFirst("a.next")?.GetAttribute("href")) is { } next)
            yield return next;
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<SpiderOutput> ParseItem(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var caption = response.CssFirst(".caption")?.TextContent;
        if (caption is not null && response.Resolve(response.CssFirst("audio")?.GetAttribute("src")) is { } audio)
            yield return new AudioPair(audio, caption);
        await Task.CompletedTask;
    }
}
