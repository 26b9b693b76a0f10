using AudioCrawl.Core.Engine;
using AudioCrawl.Core.Pipeline;
using AudioCrawl.Core.Scheduling;
using AudioCrawl.Core.Stats;
using AudioCrawl.Sinks.WebDataset;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Sinks.Download;

/// <summary>Downloads the audio of every pair, converts it and packs it as WebDataset shards (what <c>--webdataset</c> writes).</summary>
[Sink<WebDatasetSinkSettings>(TypeName, "Downloads, converts and packs the audio of every pair into WebDataset .tar shards (what --webdataset writes).")]
public sealed class WebDatasetSink : DownloadSink
{
    public const string TypeName = "webdataset";

    /// <param name="recordFolder">Where the per-sample record lives (a job directory), or null for the output folder.</param>
    public WebDatasetSink(WebDatasetSinkSettings settings, string output, IFrontier frontier, ILoggerFactory loggers, TimeProvider time, string? recordFolder = null)
        : base(TypeName, settings, output, new WebDatasetWriter(output, settings.ToWebDatasetOptions(), time), frontier, loggers, time, recordFolder)
    {
    }

    /// <summary>The sink of a crawlers.json <c>webdataset</c> entry, for the spider of <paramref name="plan"/>.</summary>
    [ActivatorUtilitiesConstructor]
    public WebDatasetSink(WebDatasetSinkSettings settings, CrawlPlan plan, IFrontier frontier, ILoggerFactory loggers, TimeProvider time, JobDirectory? job = null, CrawlStats? stats = null)
        : this(settings, settings.OutputFor(plan.Name), frontier, loggers, time, job?.Path)
    {
        Runner.Counters = stats?.Custom;
    }
}
