using AudioCrawl.Core.Engine;
using AudioCrawl.Core.Pipeline;
using AudioCrawl.Core.Scheduling;
using AudioCrawl.Core.Stats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Sinks.Download;

/// <summary>Downloads the audio of every pair and writes loose <c>{key}.flac</c> + <c>{key}.json</c> files (what <c>--audio-dir</c> writes).</summary>
[Sink<FilesSinkSettings>(TypeName, "Downloads and converts the audio of every pair into loose {key}.flac + {key}.json files (what --audio-dir writes).")]
public sealed class FilesSink : DownloadSink
{
    public const string TypeName = "files";

    /// <param name="recordFolder">Where the per-sample record lives (a job directory), or null for the output folder.</param>
    public FilesSink(FilesSinkSettings settings, string output, IFrontier frontier, ILoggerFactory loggers, TimeProvider time, string? recordFolder = null)
        : base(TypeName, settings, output, new FilesSampleWriter(output, settings.NoTranscode ? null : TranscodeOptions.ExtensionFor(settings.Codec)), frontier, loggers, time, recordFolder)
    {
    }

    /// <summary>The sink of a crawlers.json <c>files</c> entry, for the spider of <paramref name="plan"/>.</summary>
    [ActivatorUtilitiesConstructor]
    public FilesSink(FilesSinkSettings settings, CrawlPlan plan, IFrontier frontier, ILoggerFactory loggers, TimeProvider time, JobDirectory? job = null, CrawlStats? stats = null)
        : this(settings, settings.OutputFor(plan.Name), frontier, loggers, time, job?.Path)
    {
        Runner.Counters = stats?.Custom;
    }
}
