namespace Sinks.Download;

/// <summary>
/// What the audio sinks of one crawl host share besides their settings: the name that replaces <c>{spider}</c> in
/// their output folders, and where their per-sample record lives (a job directory; null: each sink's output folder).
/// <see cref="CrawlHostBuilderDownloadExtensions.AddMediaDownload(Crawler.Core.Hosting.CrawlHostBuilder)"/> registers
/// the crawl's (its spider, its job directory); the download command registers its own (its <c>--job-dir</c>).
/// </summary>
public sealed record AudioSinkContext(string Spider, string? RecordFolder)
{
    public string OutputOf(AudioSinkSettings settings) => settings.OutputFor(Spider);
}
