using System.Net;
using AudioCrawl.SampleSite.Cambridge;
using AudioCrawl.SampleSite.Sounds;

namespace AudioCrawl.SampleSite;

/// <summary>Starts sample sites, each on its own loopback port with its own robots.txt.</summary>
public static class SampleWeb
{
    /// <summary>Every built-in site shape, as the demo serves them.</summary>
    public static IReadOnlyList<ISampleSite> AllSites() => [new SoundLibrarySite(), new CambridgeMirror(new CambridgeLexicon(entryCount: 300))];

    public static Task<WebHost> ServeAsync(ISampleSite site, int port = 0, CancellationToken cancellationToken = default) =>
        WebHost.StartAsync(app => site.Map(app), [IPAddress.Loopback], port, cancellationToken);
}
