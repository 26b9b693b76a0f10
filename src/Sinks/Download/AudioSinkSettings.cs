using System.ComponentModel;
using Crawler.Abstractions.Configuration;

namespace Sinks.Download;

/// <summary>
/// What every audio sink (<c>webdataset</c>, <c>files</c>) of crawlers.json's <c>sinks</c> section shares: where the
/// samples go and how the audio is converted. The CLI's <c>--webdataset</c> / <c>--audio-dir</c> flags fill the same record.
/// </summary>
public abstract record AudioSinkSettings : IValidatableSettings
{
    public const string SpiderPlaceholder = "{spider}";

    [Description("The output folder (created if missing; reused to resume); {spider} is replaced by the name of the spider that runs.")]
    public string Output { get; init; } = "";

    [Description("Store the downloaded bytes as they are ({key}.mp3, {key}.ogg, ...): no ffmpeg, only a check that they start like audio.")]
    public bool NoTranscode { get; init; }

    [Description("Output sample rate in Hz.")]
    public int SampleRate { get; init; } = 48_000;

    [Description("Output channels (1: mono).")]
    public int Channels { get; init; } = 1;

    [Description("ffmpeg audio codec; the member suffix follows it.")]
    public string Codec { get; init; } = "flac";

    [Description("Keep at most this many seconds of each sample (0: all).")]
    public double MaxDuration { get; init; }

    [Description("ffmpeg conversions at once (0: the number of cores).")]
    public int TranscodeWorkers { get; init; }

    [Description("Most downloads one ffmpeg process converts together (1: file by file).")]
    public int TranscodeBatch { get; init; } = 16;

    [Description("Folder holding ffmpeg and ffprobe (empty: PATH).")]
    public string FfmpegFolder { get; init; } = "";

    [Description("The yt-dlp program (a name on PATH or a path) for page URLs such as YouTube watch pages.")]
    public string YtDlp { get; init; } = "yt-dlp";

    [Description("Hosts (and their subdomains) whose URLs are pages for yt-dlp, besides YouTube.")]
    public IReadOnlyList<string> ResolveHosts { get; init; } = [];

    [Description("Download only the samples that failed in an earlier run into the same output.")]
    public bool RetryFailed { get; init; }

    public string OutputFor(string spider) => Output.Replace(SpiderPlaceholder, spider, StringComparison.Ordinal);

    public DownloadOptions ToDownloadOptions() => new()
    {
        TranscodeWorkers = TranscodeWorkers > 0 ? TranscodeWorkers : Environment.ProcessorCount,
        RetryFailed = RetryFailed,
        NoTranscode = NoTranscode,
        Transcode = new TranscodeOptions
        {
            Codec = Codec,
            Extension = TranscodeOptions.ExtensionFor(Codec),
            SampleRate = SampleRate,
            Channels = Channels,
            FfmpegFolder = FfmpegFolder,
            MaxDurationSeconds = MaxDuration,
            BatchMaxFiles = TranscodeBatch,
        },
    };

    public IReadOnlyList<IMediaResolver> CreateResolvers() =>
        [new YtDlpResolver(new YtDlpOptions { Executable = YtDlp, Hosts = ResolveHosts })];

    public virtual IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Output))
            yield return "output must name the folder to write, such as \"out/{spider}\"";
        if (SampleRate is < 1000 or > 768_000)
            yield return $"sampleRate {SampleRate}: expected a rate in Hz such as 16000, 44100 or 48000";
        if (Channels is < 1 or > 8)
            yield return $"channels {Channels}: expected 1 to 8";
        if (TranscodeWorkers < 0 || TranscodeBatch < 1)
            yield return "transcodeWorkers must be 0 (the number of cores) or more, transcodeBatch at least 1";
        if (MaxDuration < 0)
            yield return $"maxDuration {MaxDuration}: must not be negative";
    }
}
