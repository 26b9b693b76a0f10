using Sinks.Download;
using Xunit;

namespace Sinks.Tests.Download;

public sealed class AudioFileExtensionTests
{
    [Theory]
    [InlineData("mp3", "https://x.test/a/b.MP3", "audio/mpeg", "mp3")]
    [InlineData("ogg", "https://x.test/a.opus", "audio/ogg", "opus")]
    [InlineData("mp4", "https://x.test/a.m4a?x=1", null, "m4a")]
    [InlineData("mp4", "https://x.test/watch", "video/mp4", "mp4")]
    [InlineData("mp4", "https://x.test/watch", null, "m4a")]
    [InlineData("wav", "https://x.test/file.mp3", "audio/mpeg", "wav")]
    [InlineData("flac", "https://x.test/get?id=1", "application/octet-stream", "flac")]
    [InlineData("mp3", "https://x.test/dir.v2/file", null, "mp3")]
    public void The_suffix_follows_the_url_or_media_type_only_when_they_agree_with_the_bytes(string container, string url, string? mediaType, string expected) =>
        Assert.Equal(expected, AudioFileExtension.For(container, url, mediaType));
}
