using System.Net;
using AudioCrawl.SampleSite.Archive;
using AudioCrawl.SampleSite.BbcSoundEffects;
using AudioCrawl.SampleSite.Cambridge;
using AudioCrawl.SampleSite.Commons;
using AudioCrawl.SampleSite.Feeds;
using AudioCrawl.SampleSite.Freesound;
using AudioCrawl.SampleSite.Podcast;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.SampleSite.XenoCanto;

namespace AudioCrawl.SampleSite;

/// <summary>Starts sample sites, each on its own loopback port with its own robots.txt.</summary>
public static class SampleWeb
{
    /// <summary>Every built-in site shape, as the demo serves them.</summary>
    public static IReadOnlyList<ISampleSite> AllSites() => [new SoundLibrarySite(), new CambridgeMirror(new CambridgeLexicon(entryCount: 300))];

    /// <summary>Every local copy <c>audiocrawl sample-site</c> can serve: the demo's sites and the API and feed mocks.</summary>
    public static IReadOnlyList<ISampleSite> ServableSites() =>
        [.. AllSites(), new PodcastSite(), new FeedSite(), new ArchiveSite(), new BbcSoundEffectsSite(),
         new CommonsApiSite(), new XenoCantoApiSite(LocalApiKey), new FreesoundApiSite(LocalApiKey)];

    /// <summary>The key the served API mocks that need one accept (<c>--set apiKey=local-key</c>).</summary>
    public const string LocalApiKey = "local-key";

    public static Task<WebHost> ServeAsync(ISampleSite site, int port = 0, CancellationToken cancellationToken = default) =>
        WebHost.StartAsync(app => site.Map(app), [IPAddress.Loopback], port, cancellationToken);
}
