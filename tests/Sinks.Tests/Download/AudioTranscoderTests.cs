using System.Text;
using AudioCrawl.Testing;
using Sinks.Download;
using Xunit;

namespace Sinks.Tests.Download;

public sealed class AudioTranscoderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<string> FileAsync(string name, byte[] bytes)
    {
        var path = _temp.File(name + ".download");
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    private async Task<string> ToneAsync(string extension, double seconds, int frequency) =>
        await FileAsync($"tone-{frequency}.{extension}", await AudioFixtures.ToneAsync(Directory.CreateDirectory(_temp.File("fixtures")).FullName, extension, seconds, frequency));

    [Fact]
    public async Task A_batch_with_a_corrupt_an_empty_and_an_html_file_converts_every_good_one_and_rejects_each_bad_one_with_its_reason()
    {
        var jobs = new[]
        {
            new TranscodeJob(await ToneAsync("mp3", 1, 440)),
            new TranscodeJob(await FileAsync("corrupt", AudioFixtures.CorruptMp3())),
            new TranscodeJob(await ToneAsync("ogg", 2, 550)),
            new TranscodeJob(await FileAsync("empty", AudioFixtures.EmptyWav())),
            new TranscodeJob(await ToneAsync("wav", 0.5, 660)),
            new TranscodeJob(await FileAsync("page", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Not found</body></html>"))),
            new TranscodeJob(await ToneAsync("flac", 1.5, 770)),
        };
        var transcoder = new AudioTranscoder(new TranscodeOptions());

        var results = await transcoder.TranscodeBatchAsync(jobs);

        Assert.Equal(jobs, results.Select(r => r.Job));
        double[] durations = [1, 0, 2, 0, 0.5, 0, 1.5];
        foreach (var good in new[] { 0, 2, 4, 6 })
        {
            var audio = results[good].Audio;
            Assert.NotNull(audio);
            Assert.Empty(audio.Data); // streamed from the file into the shard, never loaded
            var info = FlacStreamInfo.TryRead(await File.ReadAllBytesAsync(audio.File!))!.Value;
            Assert.Equal((48_000, 1), (info.SampleRate, info.Channels));
            Assert.Equal(durations[good], audio.DurationSeconds, 1);
            Assert.Equal((48_000, 1), (audio.SampleRate, audio.Channels));
            Assert.Equal(44_100, audio.OriginalSampleRate);
            Assert.Equal(2, audio.OriginalChannels);
            Assert.Equal(durations[good], audio.OriginalDurationSeconds!.Value, 1);
        }
        Assert.Equal(["mp3", "ogg", "wav", "flac"], new[] { 0, 2, 4, 6 }.Select(i => results[i].Audio!.OriginalFormat));
        Assert.Equal(SampleFailureReasons.Undecodable, results[1].Rejection?.Reason);
        Assert.Equal(SampleFailureReasons.EmptyAudio, results[3].Rejection?.Reason);
        Assert.Equal(SampleFailureReasons.Undecodable, results[5].Rejection?.Reason);
        Assert.Contains("ffmpeg cannot read the download", results[1].Rejection!.Message);
        // The two files ffmpeg cannot open are each blamed by its log: one process per culprit plus one that converts the rest.
        Assert.Equal(3, transcoder.ProcessesStarted);
        // The converted files wait for the writer; the rejected inputs leave nothing behind.
        Assert.Equal(new[] { 0, 2, 4, 6 }.Select(i => results[i].Audio!.File).Order(), Directory.EnumerateFiles(_temp.Path, "*.out.*").Order());
    }

    [Fact]
    public async Task Each_input_of_a_batch_keeps_its_own_segment_and_a_segment_after_the_end_is_empty()
    {
        var tone = await ToneAsync("wav", 3, 440);
        var copy = await FileAsync("copy.wav", await File.ReadAllBytesAsync(tone));
        var late = await FileAsync("late.wav", await File.ReadAllBytesAsync(tone));
        var transcoder = new AudioTranscoder(new TranscodeOptions());

        var results = await transcoder.TranscodeBatchAsync(
        [
            new TranscodeJob(tone, new AudioSegment(1, 2.5)),
            new TranscodeJob(copy, new AudioSegment(null, 0.5)),
            new TranscodeJob(late, new AudioSegment(10, null)),
        ]);

        Assert.Equal(1.5, results[0].Audio!.DurationSeconds, 2);
        Assert.Equal(0.5, results[1].Audio!.DurationSeconds, 2);
        Assert.Equal(SampleFailureReasons.EmptyAudio, results[2].Rejection?.Reason);
        Assert.Contains("after the end of the 3 s audio", results[2].Rejection!.Message);
        Assert.Equal(1, transcoder.ProcessesStarted);
    }

    [Fact]
    public async Task A_single_undecodable_input_is_rejected_by_the_one_process_that_tried_it()
    {
        var transcoder = new AudioTranscoder(new TranscodeOptions());

        var rejection = await Assert.ThrowsAsync<SampleRejectedException>(async () => await transcoder.TranscodeAsync(await FileAsync("corrupt", AudioFixtures.CorruptMp3()), null));

        Assert.Equal(SampleFailureReasons.Undecodable, rejection.Reason);
        Assert.Equal(1, transcoder.ProcessesStarted);
    }
}
