using Sinks.Download;
using Xunit;

namespace Sinks.Tests.Download;

public sealed class FfmpegLogTests
{
    private static readonly string[] TwoInputs =
    [
        "Input #0, mp3, from '/w/a.download':",
        "  Metadata:",
        "    encoder         : Lavf59.27.100",
        "  Duration: 00:00:01.04, start: 0.025057, bitrate: 129 kb/s",
        "  Stream #0:0: Audio: mp3, 44100 Hz, stereo, fltp, 128 kb/s",
        "Input #1, mov,mp4,m4a,3gp,3g2,mj2, from '/w/b.download':",
        "  Duration: 00:10:00.50, start: 0.000000, bitrate: 130 kb/s",
        "  Stream #1:0[0x1](und): Video: h264 (High), yuv420p, 640x360, 25 fps",
        "  Stream #1:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 22050 Hz, 5.1, fltp, 127 kb/s (default)",
        "Stream mapping:",
        "  Stream #0:0 -> #0:0 (mp3 (mp3float) -> flac (native))",
        "Output #0, flac, to '/w/a.download.out.flac':",
        "  Stream #0:0: Audio: flac, 48000 Hz, mono, s32 (24 bit), 128 kb/s",
    ];

    [Fact]
    public void Reads_each_inputs_format_duration_and_first_audio_stream_and_ignores_the_outputs()
    {
        var inputs = FfmpegLog.Inputs(TwoInputs);

        Assert.Equal(new FfmpegInput(0, "mp3", 1.04, "mp3", 44100, 2), inputs[0]);
        Assert.Equal(new FfmpegInput(1, "mov,mp4,m4a,3gp,3g2,mj2", 600.5, "aac", 22050, 6), inputs[1]);
    }

    [Fact]
    public void An_unknown_duration_and_layout_read_as_null()
    {
        var inputs = FfmpegLog.Inputs(["Input #0, ogg, from 'pipe:0':", "  Duration: N/A, start: 0.000000, bitrate: N/A", "  Stream #0:0: Audio: vorbis, 8000 Hz, weird, fltp"]);

        Assert.Equal(new FfmpegInput(0, "ogg", null, "vorbis", 8000, null), inputs[0]);
    }

    [Fact]
    public void A_failed_run_is_blamed_on_the_input_it_names()
    {
        string[] paths = ["/w/a.download", "/w/b.download", "/w/c.download"];

        Assert.Equal((1, "Invalid data found when processing input"), FfmpegLog.FailedInput(["/w/b.download: Invalid data found when processing input"], paths));
        Assert.Equal(2, FfmpegLog.FailedInput(["Stream map '2:a:0' matches no streams.", "To ignore this, add a trailing '?' to the map."], paths)?.Index);
        Assert.Null(FfmpegLog.FailedInput(["Input #0, mp3, from '/w/a.download':", "Conversion failed!"], paths));
    }
}
