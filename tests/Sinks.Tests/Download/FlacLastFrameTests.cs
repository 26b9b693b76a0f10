using System.Globalization;
using AudioCrawl.Testing;
using Sinks.Download;
using Xunit;

namespace Sinks.Tests.Download;

public sealed class FlacLastFrameTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A FLAC as ffmpeg writes one, from a sine tone (the transcoder's shape: 48 kHz mono, 24 bit from an mp3).</summary>
    private async Task<byte[]> FlacAsync(int rate, int channels, double seconds, string sampleFormat = "s16")
    {
        var path = _temp.File(string.Create(CultureInfo.InvariantCulture, $"tone-{rate}-{channels}-{seconds}-{sampleFormat}.flac"));
        await ExternalTool.RunAsync("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
            "-i", string.Create(CultureInfo.InvariantCulture, $"sine=frequency=440:duration={seconds}:sample_rate={rate}"),
            "-ac", channels.ToString(CultureInfo.InvariantCulture), "-sample_fmt", sampleFormat, "-c:a", "flac", path);
        return await File.ReadAllBytesAsync(path);
    }

    private static FlacLastFrame? LastFrame(byte[] file, int length)
    {
        var info = FlacStreamInfo.TryRead(file)!.Value;
        var tail = Math.Min(FlacLastFrame.TailLength(info), length - FlacStreamInfo.HeaderLength);
        return FlacLastFrame.Find(file.AsSpan(length - tail, tail), info);
    }

    [Theory]
    [InlineData(8000, 1, 0.5, "s16")]
    [InlineData(22050, 2, 2.0, "s16")]
    [InlineData(44100, 2, 0.3, "s16")]
    [InlineData(48000, 1, 1.37, "s32")]
    [InlineData(96000, 6, 0.1, "s16")]
    public async Task The_last_frame_of_a_whole_file_ends_at_the_samples_streaminfo_counts(int rate, int channels, double seconds, string sampleFormat)
    {
        var file = await FlacAsync(rate, channels, seconds, sampleFormat);
        var info = FlacStreamInfo.TryRead(file)!.Value;

        var last = LastFrame(file, file.Length);

        Assert.NotNull(last);
        Assert.Equal((long)Math.Round(rate * seconds), info.TotalSamples);
        Assert.Equal(info.TotalSamples, last.Value.EndSample);
        Assert.InRange(last.Value.BlockSize, 1, info.MaxBlockSize);
    }

    [Fact]
    public async Task A_file_cut_at_any_byte_after_its_header_does_not_end_at_its_total_samples()
    {
        var file = await FlacAsync(48000, 1, 0.4, "s32");
        var info = FlacStreamInfo.TryRead(file)!.Value;
        var cutsAtFrameEnds = 0;

        for (var length = FlacStreamInfo.HeaderLength + 1; length < file.Length; length++)
        {
            var last = LastFrame(file, length);
            Assert.True(last is null || last.Value.EndSample < info.TotalSamples, $"cut at {length} of {file.Length} bytes passed as whole");
            if (last is not null)
                cutsAtFrameEnds++;
        }

        // Cuts that fall exactly on a frame's end find that (whole) frame, which ends early.
        Assert.InRange(cutsAtFrameEnds, 1, (int)(info.TotalSamples / info.MaxBlockSize) + 1);
    }
}
