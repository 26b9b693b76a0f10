using System.Runtime.CompilerServices;
using AudioCrawl.Core.Http;
using AudioCrawl.Core.Spiders;

namespace AudioCrawl.Crawlers.SoundLibrary;

/// <summary>
/// The example spider of the README walkthrough: index → categories (with pagination) → sound pages, one pair per
/// sound that has audio.
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
    public async IAsyncEnumerable<SpiderOutput> Parse(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var request in response.FollowAll(response.Css("ul.categories a").Select(a => a.GetAttribute("href")), nameof(ParseCategory)))
            yield return request;
        await Task.CompletedTask;
    }

    [Yields(Requests = 1)]
    public async IAsyncEnumerable<SpiderOutput> ParseCategory(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var request in response.FollowAll(response.Css("ul.sounds a.sound").Select(a => a.GetAttribute("href")), nameof(ParseSound)))
            yield return request;
        if (response.Follow(response.CssFirst("a[rel=next]")?.GetAttribute("href"), nameof(ParseCategory)) is { } next)
            yield return next;
        await Task.CompletedTask;
    }

    [Yields(Pairs = 1, OrCounted = ["sounds/no_audio"])]
    public async IAsyncEnumerable<SpiderOutput> ParseSound(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var title = response.CssFirst("h1.title")?.TextContent;
        var audio = response.Resolve(response.CssFirst("audio source[src], audio[src]")?.GetAttribute("src"));
        if (audio is null || title is null)
        {
            Context.Stats.Custom.Increment("sounds/no_audio");
            yield break;
        }
        yield return new AudioPair(audio, title) { Tags = ["sound-effect"] };
        await Task.CompletedTask;
    }
}
