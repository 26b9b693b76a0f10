using System.Runtime.CompilerServices;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;

namespace Crawlers.SoundLibrary;

/// <summary>
/// The example spider of the README walkthrough: index → categories (with pagination) → sound pages, one pair per
/// sound that has audio. Its callbacks are synchronous and its follows name them as method groups (checked by the
/// compiler, stored by name).
/// </summary>
[Spider("sounds", "Sound effects and their titles from the built-in sample sound library (the offline demo).")]
public sealed class SoundLibrarySpider : Spider<SoundLibrarySettings>
{
    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return new Request(Settings.BaseUrl);
        await Task.CompletedTask;
    }

    [Yields(Requests = 1)]
    public IEnumerable<SpiderOutput> Parse(Response response) =>
        response.FollowAll(response.Css("ul.categories a").Select(a => a.GetAttribute("href")), ParseCategory);

    [Yields(Requests = 1)]
    public IEnumerable<SpiderOutput> ParseCategory(Response response)
    {
        foreach (var request in response.FollowAll(response.Css("ul.sounds a.sound").Select(a => a.GetAttribute("href")), ParseSound))
            yield return request;
        if (response.Follow(response.CssFirst("a[rel=next]")?.GetAttribute("href"), ParseCategory) is { } next)
            yield return next;
    }

    [Yields(Pairs = 1, OrCounted = ["sounds/no_audio"])]
    public IEnumerable<SpiderOutput> ParseSound(Response response)
    {
        var title = response.CssFirst("h1.title")?.TextContent;
        var audio = response.Resolve(response.CssFirst("audio source[src], audio[src]")?.GetAttribute("src"));
        if (audio is null || title is null)
        {
            Context.Stats.Custom.Increment("sounds/no_audio");
            yield break;
        }
        yield return new AudioPair(audio, title) { Tags = ["sound-effect"] };
    }
}
