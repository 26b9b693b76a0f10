using System.Text;
using Crawler.Abstractions.Configuration;
using Crawler.Core.Hosting;
using Crawler.Core.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Sinks.Download;
using Sinks.WebDataset;

namespace Sinks.Tests.Download;

/// <summary>Builds the downloader as the CLI does (real HttpFetcher, host slots, ffmpeg), writing into a temp folder.</summary>
internal static class DownloadHarness
{
    public static HttpFetcherOptions Fetch(long maxBytes = 1_000_000) =>
        new("AudioCrawl-tests", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5), maxBytes, 5, 16);

    public static async Task<DownloadSummary> RunAsync(
        string csv,
        string output,
        WebDatasetOptions? shards = null,
        DownloadOptions? options = null,
        IReadOnlyList<IMediaResolver>? resolvers = null,
        long maxBytes = 1_000_000,
        ISampleWriter? writer = null,
        CancellationToken cancellationToken = default,
        Action<DownloadRunner>? created = null)
    {
        var engine = new EngineSettings { PerHost = 4, Delay = 0, Concurrency = 1, DownloadConcurrency = (options ?? new DownloadOptions()).Concurrency is var c and > 0 ? Math.Min(c, 4) : 4 };
        var crawl = new DownloadCrawl(token => CsvAudioSources.ReadAsync(csv, token), engine);
        var builder = CrawlHostBuilder.For(crawl.Plan, NullLoggerFactory.Instance, TimeProvider.System)
            .AddHttpFetcher()
            .AddMediaDownload(Fetch(maxBytes));
        crawl.Watch(builder).AddSink(services =>
        {
            var sink = new HarnessSink(new DownloadRunner(
                resolvers ?? [],
                writer ?? new WebDatasetWriter(output, shards ?? new WebDatasetOptions { SamplesPerShard = 2 }, TimeProvider.System),
                output,
                StatusJournal.PathFor(output, null),
                options ?? new DownloadOptions { Concurrency = 4, TranscodeWorkers = 2 },
                NullLogger.Instance,
                TimeProvider.System), services.GetRequiredService<AudioSinkGroup>());
            created?.Invoke(sink.Runner);
            return sink;
        });
        await using var host = builder.Build();
        return await crawl.RunAsync(host, stopToken: cancellationToken);
    }

    /// <summary>A download sink over a runner the test configures.</summary>
    private sealed class HarnessSink(DownloadRunner runner, AudioSinkGroup group) : DownloadSink("harness", runner, group)
    {
    }

    public static string WriteCsv(string path, IEnumerable<(string Url, string Text)> rows, string extraHeader = "", IEnumerable<string>? extra = null)
    {
        var text = new StringBuilder("url,text" + (extraHeader.Length > 0 ? "," + extraHeader : "") + "\r\n");
        var extras = extra?.ToArray() ?? [];
        var i = 0;
        foreach (var (url, caption) in rows)
        {
            text.Append(url).Append(",\"").Append(caption.Replace("\"", "\"\"")).Append('"');
            if (extraHeader.Length > 0)
                text.Append(',').Append(i < extras.Length ? extras[i] : "");
            text.Append("\r\n");
            i++;
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }

    public static IReadOnlyList<string> Shards(string folder) =>
        Directory.EnumerateFiles(folder, "*.tar").Order(StringComparer.Ordinal).ToArray();
}
