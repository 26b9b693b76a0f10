using AudioCrawl.Testing;
using Sinks.Download;
using Xunit;

namespace Sinks.Tests.Download;

public sealed class AudioSignatureTests
{
    [Theory]
    [InlineData("mp3", "mp3")]
    [InlineData("ogg", "ogg")]
    [InlineData("wav", "wav")]
    [InlineData("flac", "flac")]
    [InlineData("m4a", "mp4")]
    [InlineData("aiff", "aiff")]
    [InlineData("webm", "webm")]
    public async Task Recognises_what_ffmpeg_writes(string extension, string container)
    {
        using var temp = new TempDirectory();

        var bytes = await AudioFixtures.ToneAsync(temp.Path, extension, seconds: 0.2);

        Assert.Equal(container, AudioSignature.Detect(bytes.AsSpan(0, 64)));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html>")]
    [InlineData("{\"error\": \"not found\"}")]
    [InlineData("\u0089PNG\r\n\u001a\n0000")]
    [InlineData("")]
    public void Rejects_what_is_not_audio(string start)
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes(start);

        Assert.Null(AudioSignature.Detect(bytes));
    }

    [Fact]
    public void Recognises_a_bare_mpeg_frame_sync()
    {
        Assert.Equal("mp3", AudioSignature.Detect([0xFF, 0xFB, 0x90, 0x64]));
    }

    [Theory]
    [InlineData("audio/mpeg", true)]
    [InlineData("video/mp4", true)]
    [InlineData("application/ogg", true)]
    [InlineData("application/octet-stream", true)]
    [InlineData(null, true)]
    [InlineData("text/html", false)]
    [InlineData("application/json", false)]
    [InlineData("image/jpeg", false)]
    public void Accepts_media_types_that_can_hold_audio(string? mediaType, bool accepted)
    {
        Assert.Equal(accepted, AudioSignature.MayBeAudio(mediaType));
    }
}
