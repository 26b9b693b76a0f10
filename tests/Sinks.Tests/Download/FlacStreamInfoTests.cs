using System.Globalization;
using AudioCrawl.Testing;
using Sinks.Download;
using Xunit;

namespace Sinks.Tests.Download;

public sealed class FlacStreamInfoTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(8000, 1, 0.5)]
    [InlineData(16000, 2, 1.25)]
    [InlineData(22050, 1, 2)]
    [InlineData(44100, 2, 0.3)]
    [InlineData(48000, 6, 1)]
    [InlineData(96000, 8, 0.1)]
    public async Task Reads_rate_channels_and_samples_of_a_flac_file_made_by_ffmpeg(int rate, int channels, double seconds)
    {
        var path = _temp.File($"tone-{rate}-{channels}.flac");
        await ExternalTool.RunAsync("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
            "-i", string.Create(CultureInfo.InvariantCulture, $"sine=frequency=440:duration={seconds}:sample_rate={rate}"), "-ac", channels.ToString(CultureInfo.InvariantCulture), path);
        var probe = await WebDatasetReader.ProbeAsync(path);

        var info = FlacStreamInfo.TryRead(await File.ReadAllBytesAsync(path));

        Assert.NotNull(info);
        Assert.Equal(rate, info.Value.SampleRate);
        Assert.Equal(channels, info.Value.Channels);
        Assert.Equal(16, info.Value.BitsPerSample);
        Assert.Equal((long)Math.Round(rate * seconds), info.Value.TotalSamples);
        Assert.Equal(probe.SampleRate, info.Value.SampleRate);
        Assert.Equal(probe.Duration, info.Value.DurationSeconds, 2);
    }

    [Fact]
    public async Task Reads_24_bit_flac_as_ffmpeg_writes_it_from_an_mp3()
    {
        var mp3 = _temp.File("tone.mp3");
        await File.WriteAllBytesAsync(mp3, await AudioFixtures.ToneAsync(_temp.Path, "mp3"));
        var flac = _temp.File("tone.flac");
        await ExternalTool.RunAsync("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", mp3, "-ar", "48000", "-ac", "1", "-c:a", "flac", flac);

        var info = FlacStreamInfo.TryRead(await File.ReadAllBytesAsync(flac));

        Assert.NotNull(info);
        Assert.Equal((48_000, 1, 24), (info.Value.SampleRate, info.Value.Channels, info.Value.BitsPerSample));
        Assert.InRange(info.Value.MaxBlockSize, 1024, 65_535);
        Assert.InRange(info.Value.MaxFrameSize, 1, 65_535 * 4);
        Assert.InRange(info.Value.DurationSeconds, 1.0, 1.1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fLaC")]
    [InlineData("ID3\u0004\0\0\0\0\0\0 not flac at all, long enough to hold a header")]
    public void Bytes_that_are_not_a_flac_header_read_as_null(string text) =>
        Assert.Null(FlacStreamInfo.TryRead(System.Text.Encoding.Latin1.GetBytes(text)));
}
