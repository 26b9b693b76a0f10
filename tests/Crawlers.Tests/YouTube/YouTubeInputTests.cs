using Crawlers.YouTube;
using Xunit;

namespace Crawlers.Tests.YouTube;

public sealed class YouTubeInputTests
{
    [Theory]
    [InlineData("@NatureSounds", "@NatureSounds")]
    [InlineData("UCbirdsongArchive0000001", "UCbirdsongArchive0000001")]
    [InlineData("https://www.youtube.com/@NatureSounds/videos", "@NatureSounds")]
    [InlineData("youtube.com/channel/UCbirdsongArchive0000001", "UCbirdsongArchive0000001")]
    public void Reads_channels(string raw, string id)
    {
        Assert.True(YouTubeInput.TryChannel(raw, out var input));
        Assert.Equal(id, input.Id);
        Assert.Equal(raw, input.Original);
    }

    [Theory]
    [InlineData("PLclassicLayout00000000000000001", "PLclassicLayout00000000000000001")]
    [InlineData("https://www.youtube.com/playlist?list=PLlockupLayout000000000000000002", "PLlockupLayout000000000000000002")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLlockupLayout000000000000000002", "PLlockupLayout000000000000000002")]
    public void Reads_playlists(string raw, string id)
    {
        Assert.True(YouTubeInput.TryPlaylist(raw, out var input));
        Assert.Equal(id, input.Id);
    }

    [Theory]
    [InlineData("dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/shorts/dQw4w9WgXcQ")]
    public void Reads_videos(string raw)
    {
        Assert.True(YouTubeInput.TryVideo(raw, out var input));
        Assert.Equal("dQw4w9WgXcQ", input.Id);
    }

    [Theory]
    [InlineData("not a channel")]
    [InlineData("https://example.com/somewhere")]
    [InlineData("UCtooShort")]
    public void Refuses_what_is_not_a_channel(string raw) => Assert.False(YouTubeInput.TryChannel(raw, out _));

    [Fact]
    public void Refuses_a_video_id_of_the_wrong_length() => Assert.False(YouTubeInput.TryVideo("dQw4w9WgXc", out _));
}
