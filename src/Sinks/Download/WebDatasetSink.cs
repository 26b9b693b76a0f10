using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Stats;
using Crawler.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Sinks.WebDataset;

namespace Sinks.Download;

/// <summary>Downloads the audio of every pair, converts it and packs it as WebDataset shards (what <c>--webdataset</c> writes).</summary>
[Sink<WebDatasetSinkSettings>(TypeName, "Downloads, converts and packs the audio of every pair into WebDataset .tar shards (what --webdataset writes).")]
public sealed class WebDatasetSink(WebDatasetSinkSettings settings, AudioSinkContext context, AudioSinkGroup group, CrawlStats stats, ILoggerFactory loggers, TimeProvider time)
    : DownloadSink(TypeName, settings, context, output => new WebDatasetWriter(output, settings.ToWebDatasetOptions(), time), group, stats, loggers, time)
{
    public const string TypeName = "webdataset";
}
