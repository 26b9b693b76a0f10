using Crawler.Abstractions.Http;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;
using Crawler.Core.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sinks.Download;

public static class CrawlHostBuilderDownloadExtensions
{
    /// <summary>The largest audio download accepted by default: 200 MiB.</summary>
    public const long DefaultMaxAudioBytes = 200L * 1024 * 1024;

    /// <summary>How long one audio download may take by default.</summary>
    public static readonly TimeSpan DefaultAudioTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// What the audio sinks (<c>webdataset</c>, <c>files</c>) need: the <see cref="FetcherKind.Audio"/> fetcher (plain HTTP
    /// with the audio limits, behind the host's one fetch pipeline, so audio and pages to a host share its robots.txt,
    /// its slots and (shared) its cluster gate; a later registration replaces an earlier one) and, unless one was
    /// registered, the crawl's <see cref="AudioSinkContext"/> (its spider's name, its job directory as the record folder).
    /// </summary>
    public static CrawlHostBuilder AddMediaDownload(this CrawlHostBuilder builder, HttpFetcherOptions audioFetcher)
    {
        builder.Services.TryAddSingleton<AudioSinkGroup>();
        builder.Services.TryAddSingleton(services => new AudioSinkContext(services.GetRequiredService<CrawlPlan>().Name, services.GetService<JobDirectory>()?.Path));
        return builder.AddFetcher(FetcherKind.Audio, _ => new HttpFetcher(audioFetcher));
    }

    /// <summary>The audio fetcher with the engine's settings and the default audio limits (<see cref="DefaultMaxAudioBytes"/>, <see cref="DefaultAudioTimeout"/>).</summary>
    public static CrawlHostBuilder AddMediaDownload(this CrawlHostBuilder builder) =>
        builder.AddMediaDownload(HttpFetcherOptions.From(builder.Engine) with { MaxBodyBytes = DefaultMaxAudioBytes, RequestTimeout = DefaultAudioTimeout });

    /// <summary>Where the audio sinks of this host write and keep their record, instead of the crawl's spider and job directory.</summary>
    public static CrawlHostBuilder AddAudioSinkContext(this CrawlHostBuilder builder, AudioSinkContext context)
    {
        builder.Services.Replace(ServiceDescriptor.Singleton(context));
        return builder;
    }
}
