using System.CommandLine;
using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Http;
using AudioCrawl.Core.Stats;
using AudioCrawl.Sinks.Download;
using AudioCrawl.Sinks.WebDataset;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Cli.Commands;

/// <summary>The flags of the audio pipeline, shared by 'download' and 'crawl --download'.</summary>
/// <param name="withRetryFailed">Whether to offer --retry-failed (the crawl command has its own).</param>
public sealed class DownloadOptionSet(bool withRetryFailed = true)
{
    public const long DefaultMaxAudioBytes = 200L * 1024 * 1024;

    public Option<int> SamplesPerShard { get; } = new("--samples-per-shard") { Description = "Samples per WebDataset shard (default 512).", DefaultValueFactory = _ => 512 };

    public Option<string> ShardPrefix { get; } = new("--shard-prefix") { Description = "Put before the shard number: {prefix}00000.tar (default none).", DefaultValueFactory = _ => "" };

    public Option<bool> Split { get; } = new("--split") { Description = "Split samples by key hash into train/ and test/, each with its own shards and sizes.json." };

    public Option<int> TrainPercent { get; } = new("--train-percent") { Description = "With --split: percent of samples in train/ (default 90).", DefaultValueFactory = _ => 90 };

    public Option<int> SampleRate { get; } = new("--sample-rate") { Description = "Output sample rate in Hz (default 48000).", DefaultValueFactory = _ => 48_000 };

    public Option<int> Channels { get; } = new("--channels") { Description = "Output channels (default 1, mono).", DefaultValueFactory = _ => 1 };

    public Option<string> Codec { get; } = new("--codec") { Description = "ffmpeg audio codec (default flac); the member suffix follows it.", DefaultValueFactory = _ => "flac" };

    public Option<bool> NoTranscode { get; } = new("--no-transcode") { Description = "Store the downloaded bytes as they are ({key}.mp3, {key}.ogg, ... by container): no ffmpeg, only a check that they start like audio." };

    public Option<double> MaxDuration { get; } = new("--max-duration") { Description = "Keep at most this many seconds of each sample (default 0: all)." };

    public Option<int> DownloadConcurrency { get; } = new("--download-concurrency") { Description = "Audio downloads in flight at once (default 16).", DefaultValueFactory = _ => 16 };

    public Option<int> TranscodeWorkers { get; } = new("--transcode-workers") { Description = "ffmpeg conversions at once (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };

    public Option<int> TranscodeBatch { get; } = new("--transcode-batch") { Description = "Most downloads one ffmpeg process converts together (default 16; 1: file by file).", DefaultValueFactory = _ => 16 };

    public Option<long> MaxAudioBytes { get; } = new("--max-audio-bytes") { Description = "Largest download accepted, in bytes (default 200 MiB).", DefaultValueFactory = _ => DefaultMaxAudioBytes };

    public Option<double> AudioTimeout { get; } = new("--audio-timeout") { Description = "Seconds one audio download may take (default 120).", DefaultValueFactory = _ => 120 };

    public Option<string> YtDlp { get; } = new("--yt-dlp") { Description = "The yt-dlp program: a name on PATH or a path (default yt-dlp).", DefaultValueFactory = _ => "yt-dlp" };

    public Option<string[]> ResolveHosts { get; } = new("--resolve-host") { Description = "A host (and its subdomains) whose URLs are pages for yt-dlp, besides YouTube (repeatable)." };

    public Option<string> FfmpegFolder { get; } = new("--ffmpeg-folder") { Description = "Folder holding ffmpeg and ffprobe (default: PATH).", DefaultValueFactory = _ => "" };

    public Option<bool> RetryFailed { get; } = new("--retry-failed") { Description = "Retry only the rows that failed in an earlier run into the same folder." };

    public IEnumerable<Option> All =>
    [
        SamplesPerShard, ShardPrefix, Split, TrainPercent, NoTranscode, SampleRate, Channels, Codec, MaxDuration, DownloadConcurrency,
        TranscodeWorkers, TranscodeBatch, MaxAudioBytes, AudioTimeout, YtDlp, ResolveHosts, FfmpegFolder, .. (withRetryFailed ? new Option[] { RetryFailed } : []),
    ];

    public ISampleWriter CreateWriter(ParseResult parse, string folder, bool webDataset, TimeProvider time)
    {
        if (!webDataset)
            return new FilesSampleWriter(folder, parse.GetValue(NoTranscode) ? null : TranscodeOptions.ExtensionFor(parse.GetValue(Codec) ?? "flac"));
        var options = new WebDatasetOptions
        {
            SamplesPerShard = parse.GetValue(SamplesPerShard),
            ShardPrefix = parse.GetValue(ShardPrefix) ?? "",
            Split = parse.GetValue(Split),
            TrainPercent = parse.GetValue(TrainPercent),
        };
        if (options.Validate().FirstOrDefault() is { } problem)
            throw new ConfigurationException(problem);
        return new WebDatasetWriter(folder, options, time);
    }

    public DownloadOptions CreateOptions(ParseResult parse)
    {
        var codec = parse.GetValue(Codec) ?? "flac";
        var options = new DownloadOptions
        {
            Concurrency = parse.GetValue(DownloadConcurrency),
            TranscodeWorkers = parse.GetValue(TranscodeWorkers),
            RetryFailed = withRetryFailed && parse.GetValue(RetryFailed),
            NoTranscode = parse.GetValue(NoTranscode),
            Transcode = new TranscodeOptions
            {
                Codec = codec,
                Extension = TranscodeOptions.ExtensionFor(codec),
                SampleRate = parse.GetValue(SampleRate),
                Channels = parse.GetValue(Channels),
                FfmpegFolder = parse.GetValue(FfmpegFolder) ?? "",
                MaxDurationSeconds = parse.GetValue(MaxDuration),
                BatchMaxFiles = parse.GetValue(TranscodeBatch),
            },
        };
        if (options.NoTranscode && new Option[] { Codec, SampleRate, Channels, MaxDuration, TranscodeWorkers, TranscodeBatch }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } conflicting)
            throw new ConfigurationException($"{conflicting.Name} sets how audio is converted, and --no-transcode stores it as downloaded; drop one of them.");
        if (options.Concurrency < 1 || options.TranscodeWorkers < 1 || options.Transcode.BatchMaxFiles < 1)
            throw new ConfigurationException("--download-concurrency, --transcode-workers and --transcode-batch must be at least 1.");
        if (options.Transcode.SampleRate is < 1000 or > 768_000)
            throw new ConfigurationException($"--sample-rate {options.Transcode.SampleRate}: expected a rate in Hz such as 16000, 44100 or 48000.");
        if (options.Transcode.Channels is < 1 or > 8)
            throw new ConfigurationException($"--channels {options.Transcode.Channels}: expected 1 to 8.");
        return options;
    }

    public IReadOnlyList<IMediaResolver> CreateResolvers(ParseResult parse) =>
    [
        new YtDlpResolver(new YtDlpOptions
        {
            Executable = parse.GetValue(YtDlp) ?? "yt-dlp",
            Hosts = parse.GetValue(ResolveHosts) ?? [],
        }),
    ];

    /// <summary>The audio fetch path: the crawl's fetcher settings with the audio size and time limits.</summary>
    public HttpFetcherOptions FetcherOptions(ParseResult parse, EngineSettings engine)
    {
        var maxBytes = parse.GetValue(MaxAudioBytes);
        if (maxBytes < 1)
            throw new ConfigurationException($"--max-audio-bytes {maxBytes}: must be positive.");
        return HttpFetcherOptions.From(engine) with
        {
            MaxBodyBytes = maxBytes,
            RequestTimeout = TimeSpan.FromSeconds(parse.GetValue(AudioTimeout)),
        };
    }

    /// <summary>The downloader over <paramref name="fetchPath"/>, the crawl host's one fetch pipeline (robots.txt, retries, host slots, cluster gate).</summary>
    public DownloadRunner CreateRunner(ParseResult parse, IFetcher fetchPath, ISampleWriter writer, string folder, ILoggerFactory loggers, TimeProvider time, CounterSet? counters = null) =>
        new(
            fetchPath,
            CreateResolvers(parse),
            writer,
            folder,
            CreateOptions(parse),
            loggers.CreateLogger("download"),
            time)
        {
            Counters = counters,
        };
}
