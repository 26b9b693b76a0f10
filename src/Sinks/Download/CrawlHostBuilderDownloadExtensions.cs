using AudioCrawl.Core.Hosting;
using AudioCrawl.Core.Http;

namespace AudioCrawl.Sinks.Download;

public static class CrawlHostBuilderDownloadExtensions
{
    /// <summary>The largest audio download accepted by default: 200 MiB.</summary>
    public const long DefaultMaxAudioBytes = 200L * 1024 * 1024;

    /// <summary>How long one audio download may take by default.</summary>
    public static readonly TimeSpan DefaultAudioTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The <see cref="FetcherKind.Audio"/> fetcher audio downloads use: plain HTTP with the audio limits, behind the host's
    /// one fetch pipeline, so audio and pages to a host share its robots.txt, its slots and (shared) its cluster gate.
    /// A later registration replaces an earlier one.
    /// </summary>
    public static CrawlHostBuilder AddMediaDownload(this CrawlHostBuilder builder, HttpFetcherOptions audioFetcher) =>
        builder.AddFetcher(FetcherKind.Audio, _ => new HttpFetcher(audioFetcher));

    /// <summary>The audio fetcher with the engine's settings and the default audio limits (<see cref="DefaultMaxAudioBytes"/>, <see cref="DefaultAudioTimeout"/>).</summary>
    public static CrawlHostBuilder AddMediaDownload(this CrawlHostBuilder builder) =>
        builder.AddMediaDownload(HttpFetcherOptions.From(builder.Engine) with { MaxBodyBytes = DefaultMaxAudioBytes, RequestTimeout = DefaultAudioTimeout });
}
