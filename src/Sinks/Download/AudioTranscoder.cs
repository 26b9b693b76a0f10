using System.Globalization;
using Crawler.Abstractions;
using FFMpegCore;

namespace Sinks.Download;

/// <summary>
/// The LAION data check and the conversion in one ffmpeg process (FFMpegCore over the system ffmpeg) for a whole
/// batch of inputs: <c>-i a -i b … -map 0:a:0 a.flac -map 1:a:0 b.flac</c>. What ffprobe used to say about an
/// input is read from ffmpeg's own log; each FLAC output is checked by reading its STREAMINFO header (rate,
/// channels, samples) and its last frame, which must be whole and end at the last sample the header counts (a file
/// cut short by a full disk is a write failure, never a sample). An input without audio, that ffmpeg cannot decode,
/// or that decodes to nothing is a rejected sample with its reason. When a batch fails, the input the log blames is rejected and the rest run
/// again; when the log blames none, each input runs alone, so one bad file never costs its neighbours.
/// </summary>
public sealed class AudioTranscoder(TranscodeOptions options)
{
    private const int DiskFullErrno = 28; // ENOSPC, as the runtime reports it for its own writes

    private readonly FFOptions _ffmpeg = new() { BinaryFolder = options.FfmpegFolder };
    private long _processes;
    private long _inputs;

    public TranscodeOptions Options => options;

    /// <summary>ffmpeg processes started so far (not counting ffprobe, which only codecs other than FLAC need).</summary>
    public long ProcessesStarted => Interlocked.Read(ref _processes);

    /// <summary>Inputs handed to those processes (a retried input counts again).</summary>
    public long InputsConverted => Interlocked.Read(ref _inputs);

    /// <summary>FLAC outputs are checked in process; other codecs still need ffprobe on the result.</summary>
    private bool ChecksOutputInProcess => options.Extension == "flac";

    /// <summary>Fails early, with the fix, when ffmpeg (or, for codecs other than FLAC, ffprobe) is missing, rather than rejecting every row as undecodable.</summary>
    public void EnsureAvailable()
    {
        foreach (var program in ChecksOutputInProcess ? ["ffmpeg"] : new[] { "ffmpeg", "ffprobe" })
        {
            var found = options.FfmpegFolder.Length > 0
                ? ExecutableLocator.Find(Path.Combine(options.FfmpegFolder, program), null)
                : ExecutableLocator.Find(program, Environment.GetEnvironmentVariable("PATH"));
            if (found is null)
                throw new CrawlerException($"{program} was not found {(options.FfmpegFolder.Length > 0 ? "in " + options.FfmpegFolder : "on PATH")}; install it (apt-get install ffmpeg) or point --ffmpeg-folder at it.");
        }
    }

    /// <summary>One input alone; a rejection is thrown as <see cref="SampleRejectedException"/>.</summary>
    public async Task<TranscodedAudio> TranscodeAsync(string inputPath, AudioSegment? segment, CancellationToken cancellationToken = default)
    {
        var result = (await TranscodeBatchAsync([new TranscodeJob(inputPath, segment)], cancellationToken).ConfigureAwait(false))[0];
        return result.Audio ?? throw result.Rejection!;
    }

    /// <summary>Converts every job, in as few ffmpeg processes as the inputs allow; one result per job, in order.</summary>
    public async Task<IReadOnlyList<TranscodeResult>> TranscodeBatchAsync(IReadOnlyList<TranscodeJob> jobs, CancellationToken cancellationToken = default)
    {
        var results = new TranscodeResult?[jobs.Count];
        var pending = Enumerable.Range(0, jobs.Count).ToList();
        while (pending.Count > 0)
        {
            var indices = pending.ToArray();
            var batch = indices.Select(i => jobs[i]).ToArray();
            var outputs = batch.Select(OutputPathFor).ToArray();
            try
            {
                var (succeeded, log) = await RunAsync(batch, outputs, cancellationToken).ConfigureAwait(false);
                if (FfmpegLog.NoSpaceLeft(log) is { } full)
                    throw new IOException($"ffmpeg could not write {Path.GetDirectoryName(outputs[0])}: {full}", DiskFullErrno);
                if (succeeded)
                {
                    var inputs = FfmpegLog.Inputs(log);
                    for (var k = 0; k < batch.Length; k++)
                        results[pending[k]] = await CheckOutputAsync(batch[k], outputs[k], inputs.GetValueOrDefault(k), cancellationToken).ConfigureAwait(false);
                    break;
                }
                if (FfmpegLog.FailedInput(log, batch.Select(j => j.InputPath).ToArray()) is { } blamed && blamed.Index < batch.Length)
                {
                    results[pending[blamed.Index]] = Rejected(batch[blamed.Index], SampleFailureReasons.Undecodable, "ffmpeg cannot read the download: " + blamed.Message);
                    pending.RemoveAt(blamed.Index);
                    continue;
                }
                if (batch.Length == 1)
                {
                    results[pending[0]] = Rejected(batch[0], SampleFailureReasons.Undecodable, "ffmpeg cannot convert the audio: " + FfmpegLog.LastError(log));
                    break;
                }
            }
            finally
            {
                // A converted sample's file stays for the writer; every other output goes.
                for (var k = 0; k < outputs.Length; k++)
                {
                    if (results[indices[k]]?.Audio?.File != outputs[k])
                        File.Delete(outputs[k]);
                }
            }
            // The log blames no input in particular: each runs alone.
            foreach (var index in pending)
                results[index] = (await TranscodeBatchAsync([jobs[index]], cancellationToken).ConfigureAwait(false))[0];
            break;
        }
        return results!;
    }

    private string OutputPathFor(TranscodeJob job) => job.InputPath + ".out." + options.Extension;

    private async Task<(bool Succeeded, IReadOnlyList<string> Log)> RunAsync(IReadOnlyList<TranscodeJob> batch, IReadOnlyList<string> outputs, CancellationToken cancellationToken)
    {
        var arguments = FFMpegArguments.FromFileInput(batch[0].InputPath, verifyExists: true, input => AddInputOptions(input, batch[0]));
        for (var k = 1; k < batch.Count; k++)
        {
            var job = batch[k];
            arguments = arguments.AddFileInput(job.InputPath, verifyExists: true, input => AddInputOptions(input, job));
        }
        var processor = arguments
            .OutputToMany(many =>
            {
                for (var k = 0; k < batch.Count; k++)
                {
                    var index = k;
                    many.OutputToFile(outputs[k], overwrite: true, output => AddOutputOptions(output, index, batch[index]));
                }
            })
            .CancellableThrough(cancellationToken, TimeSpan.Zero); // killed at once: a cancelled batch is redone, never packed
        FFMpegResult result;
        Interlocked.Increment(ref _processes);
        Interlocked.Add(ref _inputs, batch.Count);
        try
        {
            result = await processor.ProcessAsynchronously(throwOnError: false, _ffmpeg).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new CrawlerException($"ffmpeg could not be run: {ex.Message}", ex);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return (result.Success, result.StandardError);
    }

    private static void AddInputOptions(FFMpegInputOptions input, TranscodeJob job)
    {
        if (job.Segment?.Start is { } start)
            input.WithCustomArgument("-ss " + Seconds(start));
    }

    private void AddOutputOptions(FFMpegOutputOptions output, int index, TranscodeJob job)
    {
        var length = job.Segment?.Length;
        if (options.MaxDurationSeconds > 0)
            length = Math.Min(length ?? double.MaxValue, options.MaxDurationSeconds);
        output.WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-map {index}:a:0"));
        if (length is { } seconds)
            output.WithCustomArgument("-t " + Seconds(seconds));
        output.WithAudioCodec(options.Codec)
            .WithAudioSamplingRate(options.SampleRate)
            .WithCustomArgument("-ac " + options.Channels.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<TranscodeResult> CheckOutputAsync(TranscodeJob job, string outputPath, FfmpegInput? input, CancellationToken cancellationToken)
    {
        var length = new FileInfo(outputPath).Length;
        double duration;
        int sampleRate, channels;
        if (ChecksOutputInProcess)
        {
            if (length < FlacStreamInfo.HeaderLength)
                throw CutShort(outputPath, $"{length} bytes, not even its FLAC header");
            var header = new byte[FlacStreamInfo.HeaderLength];
            FlacStreamInfo? read;
            await using (var file = new FileStream(outputPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, useAsync: false))
            {
                await file.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
                read = FlacStreamInfo.TryRead(header);
                if (read is { TotalSamples: > 0 } whole)
                    await CheckCompleteAsync(file, outputPath, whole, cancellationToken).ConfigureAwait(false);
            }
            if (read is not { } info)
                return Rejected(job, SampleFailureReasons.EmptyAudio, $"the converted audio ({length} bytes) has no FLAC STREAMINFO header.");
            (duration, sampleRate, channels) = (info.DurationSeconds, info.SampleRate, info.Channels);
        }
        else
        {
            IMediaAnalysis output;
            try
            {
                output = await FFProbe.AnalyseAsync(outputPath, _ffmpeg, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Rejected(job, SampleFailureReasons.Undecodable, "ffprobe cannot read the converted audio: " + ex.Message.Split('\n')[0]);
            }
            (duration, sampleRate, channels) = (output.Duration.TotalSeconds, output.PrimaryAudioStream?.SampleRateHz ?? 0, output.PrimaryAudioStream?.Channels ?? 0);
        }
        if (duration <= 0 || length == 0)
        {
            var why = job.Segment?.Start is { } start && input?.DurationSeconds is { } total && start >= total
                ? string.Create(CultureInfo.InvariantCulture, $"the segment starts at {start} s, after the end of the {total:0.###} s audio.")
                : "the audio decodes to zero length.";
            return Rejected(job, SampleFailureReasons.EmptyAudio, why);
        }
        var audio = new TranscodedAudio(
            [],
            duration,
            sampleRate,
            channels,
            input?.Format ?? "unknown",
            input?.Codec,
            input?.SampleRate is > 0 ? input.SampleRate : null,
            input?.Channels is > 0 ? input.Channels : null,
            input?.DurationSeconds) { File = outputPath };
        return new TranscodeResult(job, audio, null);
    }

    /// <summary>
    /// ffmpeg exits with success even when the disk took only part of its last write (it rewrites STREAMINFO at the
    /// start afterwards, so the header looks whole): the file must end with a whole frame that ends at the last
    /// sample STREAMINFO counts. A file that does not was cut short by a write failure, and is never packed.
    /// </summary>
    private static async Task CheckCompleteAsync(FileStream file, string outputPath, FlacStreamInfo info, CancellationToken cancellationToken)
    {
        var tail = new byte[(int)Math.Min(FlacLastFrame.TailLength(info), file.Length - FlacStreamInfo.HeaderLength)];
        file.Seek(-tail.Length, SeekOrigin.End);
        await file.ReadExactlyAsync(tail, cancellationToken).ConfigureAwait(false);
        if (FlacLastFrame.Find(tail, info) is not { } last)
            throw CutShort(outputPath, $"{file.Length} bytes that end inside a frame, while STREAMINFO counts {info.TotalSamples} samples");
        if (last.EndSample != info.TotalSamples)
            throw CutShort(outputPath, $"{file.Length} bytes whose frames end at sample {last.EndSample} of the {info.TotalSamples} STREAMINFO counts");
    }

    private static IOException CutShort(string outputPath, string what) =>
        new($"ffmpeg's output {outputPath} is cut short ({what}): the disk refused part of the write (full disk)", DiskFullErrno);

    private static TranscodeResult Rejected(TranscodeJob job, string reason, string message) =>
        new(job, null, new SampleRejectedException(reason, message));

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
