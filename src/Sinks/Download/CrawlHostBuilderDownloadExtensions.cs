using AudioCrawl.Core.Hosting;
using AudioCrawl.Core.Http;

namespace AudioCrawl.Sinks.Download;

public static class CrawlHostBuilderDownloadExtensions
{
    /// <summary>
    /// The <see cref="FetcherKind.Audio"/> fetcher audio downloads use: plain HTTP with the audio limits, behind the host's
    /// one fetch pipeline, so audio and pages to a host share its robots.txt, its slots and (shared) its cluster gate.
    /// </summary>
    public static CrawlHostBuilder AddMediaDownload(this CrawlHostBuilder builder, HttpFetcherOptions audioFetcher) =>
        builder.AddFetcher(FetcherKind.Audio, _ => new HttpFetcher(audioFetcher));
}
