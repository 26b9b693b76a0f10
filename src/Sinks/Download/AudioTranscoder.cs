using System.Globalization;
using FFMpegCore;

namespace AudioCrawl.Sinks.Download;

/// <summary>
/// The LAION data check and the conversion, with FFMpegCore over the system ffmpeg: ffprobe must find an audio
/// stream in the input, ffmpeg converts it (cutting the segment when the row has one) to the configured codec,
/// sample rate and channels, and ffprobe must find a non-empty audio stream in the result. Anything else is a
/// rejected sample with its reason, never a packed one.
/// </summary>
public sealed class AudioTranscoder(TranscodeOptions options)
{
    private readonly FFOptions _ffmpeg = new() { BinaryFolder = options.FfmpegFolder };

    public TranscodeOptions Options => options;

    /// <summary>Fails early, with the fix, when ffmpeg or ffprobe is missing, rather than rejecting every row as undecodable.</summary>
    public void EnsureAvailable()
    {
        foreach (var program in new[] { "ffmpeg", "ffprobe" })
        {
            var found = options.FfmpegFolder.Length > 0
                ? ExecutableLocator.Find(Path.Combine(options.FfmpegFolder, program), null)
                : ExecutableLocator.Find(program, Environment.GetEnvironmentVariable("PATH"));
            if (found is null)
                throw new Core.CrawlerException($"{program} was not found {(options.FfmpegFolder.Length > 0 ? "in " + options.FfmpegFolder : "on PATH")}; install it (apt-get install ffmpeg) or point --ffmpeg-folder at it.");
        }
    }

    public async Task<TranscodedAudio> TranscodeAsync(string inputPath, AudioSegment? segment, CancellationToken cancellationToken = default)
    {
        var input = await ProbeAsync(inputPath, "the download", cancellationToken).ConfigureAwait(false);
        if (input.PrimaryAudioStream is not { } inputAudio)
            throw new SampleRejectedException(SampleFailureReasons.Undecodable, $"ffprobe finds no audio stream in the download (format {input.Format.FormatName}).");
        if (segment?.Start is { } start && input.Duration > TimeSpan.Zero && start >= input.Duration.TotalSeconds)
            throw new SampleRejectedException(SampleFailureReasons.EmptyAudio, string.Create(CultureInfo.InvariantCulture, $"the segment starts at {start} s, after the end of the {input.Duration.TotalSeconds:0.###} s audio."));

        var outputPath = inputPath + ".out." + options.Extension;
        try
        {
            await ConvertAsync(inputPath, outputPath, segment, cancellationToken).ConfigureAwait(false);
            var output = await ProbeAsync(outputPath, "the converted audio", cancellationToken).ConfigureAwait(false);
            var data = await File.ReadAllBytesAsync(outputPath, cancellationToken).ConfigureAwait(false);
            if (output.PrimaryAudioStream is not { } audio || data.Length == 0 || output.Duration <= TimeSpan.Zero)
                throw new SampleRejectedException(SampleFailureReasons.EmptyAudio, "the audio decodes to zero length.");
            return new TranscodedAudio(
                data,
                output.Duration.TotalSeconds,
                audio.SampleRateHz ?? 0,
                audio.Channels ?? 0,
                input.Format.FormatName,
                inputAudio.CodecName,
                inputAudio.SampleRateHz is > 0 ? inputAudio.SampleRateHz : null,
                inputAudio.Channels is > 0 ? inputAudio.Channels : null,
                input.Duration > TimeSpan.Zero ? input.Duration.TotalSeconds : null);
        }
        finally
        {
            File.Delete(outputPath);
        }
    }

    private async Task<IMediaAnalysis> ProbeAsync(string path, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await FFProbe.AnalyseAsync(path, _ffmpeg, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new SampleRejectedException(SampleFailureReasons.Undecodable, $"ffprobe cannot read {what}: {FirstLine(ex.Message)}", ex);
        }
    }

    private async Task ConvertAsync(string inputPath, string outputPath, AudioSegment? segment, CancellationToken cancellationToken)
    {
        var length = segment?.Length;
        if (options.MaxDurationSeconds > 0)
            length = Math.Min(length ?? double.MaxValue, options.MaxDurationSeconds);
        var arguments = FFMpegArguments
            .FromFileInput(inputPath, verifyExists: true, input =>
            {
                if (segment?.Start is { } start)
                    input.WithCustomArgument("-ss " + start.ToString("0.###", CultureInfo.InvariantCulture));
            })
            .OutputToFile(outputPath, overwrite: true, output =>
            {
                output.WithCustomArgument("-vn -sn -dn -map 0:a:0");
                if (length is { } seconds)
                    output.WithCustomArgument("-t " + seconds.ToString("0.###", CultureInfo.InvariantCulture));
                output.WithAudioCodec(options.Codec)
                    .WithAudioSamplingRate(options.SampleRate)
                    .WithCustomArgument("-ac " + options.Channels.ToString(CultureInfo.InvariantCulture));
            })
            .CancellableThrough(cancellationToken);
        try
        {
            await arguments.ProcessAsynchronously(throwOnError: true, _ffmpeg).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new SampleRejectedException(SampleFailureReasons.Undecodable, $"ffmpeg cannot convert the audio: {LastLine(ex.Message)}", ex);
        }
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? text;

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? text;
}
