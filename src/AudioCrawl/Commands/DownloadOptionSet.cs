using System.CommandLine;
using Crawler.Abstractions.Configuration;
using Crawler.Core.Configuration;
using Crawler.Core.Http;
using Sinks.Download;
using Sinks.WebDataset;

namespace AudioCrawl.Commands;

/// <summary>The flags of the audio pipeline, shared by 'download' and 'crawl --download'.</summary>
/// <param name="withRetryFailed">Whether to offer --retry-failed (the crawl command has its own).</param>
public sealed class DownloadOptionSet(bool withRetryFailed = true)
{
    public Option<int> SamplesPerShard { get; } = new("--samples-per-shard") { Description = "Samples per WebDataset shard (default 512).", DefaultValueFactory = _ => 512 };

    public Option<string> ShardPrefix { get; } = new("--shard-prefix") { Description = "Put before the shard number: {prefix}00000.tar (default none).", DefaultValueFactory = _ => "" };

    public Option<bool> Split { get; } = new("--split") { Description = "Split samples by key hash into train/ and test/, each with its own shards and sizes.json." };

    public Option<int> TrainPercent { get; } = new("--train-percent") { Description = "With --split: percent of samples in train/ (default 90).", DefaultValueFactory = _ => 90 };

    public Option<int> SampleRate { get; } = new("--sample-rate") { Description = "Output sample rate in Hz (default 48000).", DefaultValueFactory = _ => 48_000 };

    public Option<int> Channels { get; } = new("--channels") { Description = "Output channels (default 1, mono).", DefaultValueFactory = _ => 1 };

    public Option<string> Codec { get; } = new("--codec") { Description = "ffmpeg audio codec (default flac); the member suffix follows it.", DefaultValueFactory = _ => "flac" };

    public Option<bool> NoTranscode { get; } = new("--no-transcode") { Description = "Store the downloaded bytes as they are ({key}.mp3, {key}.ogg, ... by container): no ffmpeg, only a check that they start like audio." };

    public Option<double> MaxDuration { get; } = new("--max-duration") { Description = "Keep at most this many seconds of each sample (default 0: all)." };

    public Option<int> DownloadConcurrency { get; } = new("--download-concurrency") { Description = "Audio downloads in flight at once, across hosts (default 16). In a crawl they are requests of the crawl beside its --concurrency pages (the engine setting downloadConcurrency); --per-host bounds both together.", DefaultValueFactory = _ => 16 };

    public Option<int> TranscodeWorkers { get; } = new("--transcode-workers") { Description = "ffmpeg conversions at once (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };

    public Option<int> TranscodeBatch { get; } = new("--transcode-batch") { Description = "Most downloads one ffmpeg process converts together (default 16; 1: file by file).", DefaultValueFactory = _ => 16 };

    public Option<long> MaxAudioBytes { get; } = new("--max-audio-bytes") { Description = "Largest download accepted, in bytes (default 200 MiB).", DefaultValueFactory = _ => CrawlHostBuilderDownloadExtensions.DefaultMaxAudioBytes };

    public Option<double> AudioTimeout { get; } = new("--audio-timeout") { Description = "Seconds one audio download may take (default 120).", DefaultValueFactory = _ => CrawlHostBuilderDownloadExtensions.DefaultAudioTimeout.TotalSeconds };

    public Option<string> YtDlp { get; } = new("--yt-dlp") { Description = "The yt-dlp program: a name on PATH or a path (default yt-dlp).", DefaultValueFactory = _ => "yt-dlp" };

    public Option<string[]> ResolveHosts { get; } = new("--resolve-host") { Description = "A host (and its subdomains) whose URLs are pages for yt-dlp, besides YouTube (repeatable)." };

    public Option<string> FfmpegFolder { get; } = new("--ffmpeg-folder") { Description = "Folder holding ffmpeg and ffprobe (default: PATH).", DefaultValueFactory = _ => "" };

    public Option<bool> RetryFailed { get; } = new("--retry-failed") { Description = "Retry only the rows that failed in an earlier run into the same folder." };

    public IEnumerable<Option> All =>
    [
        SamplesPerShard, ShardPrefix, Split, TrainPercent, NoTranscode, SampleRate, Channels, Codec, MaxDuration, DownloadConcurrency,
        TranscodeWorkers, TranscodeBatch, MaxAudioBytes, AudioTimeout, YtDlp, ResolveHosts, FfmpegFolder, .. (withRetryFailed ? new Option[] { RetryFailed } : []),
    ];

    /// <summary>
    /// The settings of the <c>webdataset</c> (or <c>files</c>) sink these flags describe: <c>--webdataset DIR</c> and
    /// <c>--audio-dir DIR</c> are shorthands for a crawlers.json sink entry with these settings.
    /// </summary>
    public AudioSinkSettings CreateSettings(ParseResult parse, string folder, bool webDataset)
    {
        var noTranscode = parse.GetValue(NoTranscode);
        if (noTranscode && new Option[] { Codec, SampleRate, Channels, MaxDuration, TranscodeWorkers, TranscodeBatch }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } conflicting)
            throw new ConfigurationException($"{conflicting.Name} sets how audio is converted, and --no-transcode stores it as downloaded; drop one of them.");
        if (parse.GetValue(DownloadConcurrency) < 1 || parse.GetValue(TranscodeWorkers) < 1 || parse.GetValue(TranscodeBatch) < 1)
            throw new ConfigurationException("--download-concurrency, --transcode-workers and --transcode-batch must be at least 1.");
        if (parse.GetValue(SampleRate) is var rate and (< 1000 or > 768_000))
            throw new ConfigurationException($"--sample-rate {rate}: expected a rate in Hz such as 16000, 44100 or 48000.");
        if (parse.GetValue(Channels) is var channels and (< 1 or > 8))
            throw new ConfigurationException($"--channels {channels}: expected 1 to 8.");
        AudioSinkSettings settings = webDataset ? WebDatasetSinkSettings.Of(ShardOptions(parse)) : new FilesSinkSettings();
        settings = settings with
        {
            Output = folder,
            NoTranscode = noTranscode,
            SampleRate = parse.GetValue(SampleRate),
            Channels = parse.GetValue(Channels),
            Codec = parse.GetValue(Codec) ?? "flac",
            MaxDuration = parse.GetValue(MaxDuration),
            TranscodeWorkers = parse.GetValue(TranscodeWorkers),
            TranscodeBatch = parse.GetValue(TranscodeBatch),
            FfmpegFolder = parse.GetValue(FfmpegFolder) ?? "",
            YtDlp = parse.GetValue(YtDlp) ?? "yt-dlp",
            ResolveHosts = parse.GetValue(ResolveHosts) ?? [],
            RetryFailed = withRetryFailed && parse.GetValue(RetryFailed),
        };
        if (settings.Validate().FirstOrDefault() is { } problem)
            throw new ConfigurationException(problem);
        return settings;
    }

    /// <summary>The engine setting <c>--download-concurrency</c> stands for in a crawl (<c>downloadConcurrency</c>), when it is given.</summary>
    public IEnumerable<KeyValuePair<string, string>> EngineOverrides(ParseResult parse) =>
        parse.GetResult(DownloadConcurrency) is { Implicit: false }
            ? [new("downloadConcurrency", parse.GetValue(DownloadConcurrency).ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : [];

    /// <summary>The shard layout these flags ask for (the pack command's).</summary>
    public WebDatasetOptions ShardOptions(ParseResult parse)
    {
        var options = new WebDatasetOptions
        {
            SamplesPerShard = parse.GetValue(SamplesPerShard),
            ShardPrefix = parse.GetValue(ShardPrefix) ?? "",
            Split = parse.GetValue(Split),
            TrainPercent = parse.GetValue(TrainPercent),
        };
        if (options.Validate().FirstOrDefault() is { } problem)
            throw new ConfigurationException(problem);
        return options;
    }

    /// <summary>The crawlers.json sink type the settings are for: <c>webdataset</c> or <c>files</c>.</summary>
    public static string SinkType(AudioSinkSettings settings) => settings is WebDatasetSinkSettings ? WebDatasetSink.TypeName : FilesSink.TypeName;

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
}
