using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Stats;
using Crawler.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace Sinks.Download;

/// <summary>Downloads the audio of every pair and writes loose <c>{key}.flac</c> + <c>{key}.json</c> files (what <c>--audio-dir</c> writes).</summary>
[Sink<FilesSinkSettings>(TypeName, "Downloads and converts the audio of every pair into loose {key}.flac + {key}.json files (what --audio-dir writes).")]
public sealed class FilesSink(FilesSinkSettings settings, AudioSinkContext context, AudioSinkGroup group, CrawlStats stats, ILoggerFactory loggers, TimeProvider time)
    : DownloadSink(TypeName, settings, context, output => new FilesSampleWriter(output, settings.NoTranscode ? null : TranscodeOptions.ExtensionFor(settings.Codec)), group, stats, loggers, time)
{
    public const string TypeName = "files";
}
