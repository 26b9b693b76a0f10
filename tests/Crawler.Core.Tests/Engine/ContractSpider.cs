using System.Runtime.CompilerServices;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;

namespace Crawler.Core.Tests.Engine;

/// <summary>
/// A hub page whose links lead to item pages; an item page yields a pair per audio source, counts
/// "contracts/no_audio" when it says "no audio here", and otherwise yields nothing.
/// </summary>
[Spider("contracts", "Hub and item pages with declared contracts.")]
public sealed class ContractSpider : Spider<LinkSettings>
{
    public const string NoAudio = "contracts/no_audio";

    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var url in Settings.StartUrls)
            yield return new Request(url);
        await Task.CompletedTask;
    }

    [Yields(Requests = 1)]
    public async IAsyncEnumerable<SpiderOutput> Parse(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var request in response.FollowAll(response.Css("a[href]").Select(a => a.GetAttribute("href")), nameof(ParseItem)))
            yield return request;
        await Task.CompletedTask;
    }

    [Yields(Pairs = 1, OrCounted = [NoAudio])]
    public async IAsyncEnumerable<SpiderOutput> ParseItem(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A pause so that pages of different kinds are in their callbacks at the same time.
        await Task.Delay(5, cancellationToken);
        if (response.Text.Contains("no audio here", StringComparison.Ordinal))
        {
            Context.Stats.Custom.Increment(NoAudio);
            yield break;
        }
        foreach (var source in response.Css("audio[src]"))
        {
            if (response.Resolve(source.GetAttribute("src")) is { } audio)
                yield return new AudioPair(audio, response.Url.AbsolutePath);
        }
    }
}
