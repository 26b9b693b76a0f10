using AudioCrawl.SampleSite.Sounds;
using Xunit;

namespace AudioCrawl.SampleSite.Tests;

public sealed class SoundLibrarySiteTests
{
    [Fact]
    public async Task Serves_index_categories_sounds_audio_and_robots_on_loopback()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(60));
        await using var host = await SampleWeb.ServeAsync(site);
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        Assert.Equal("127.0.0.1", host.BaseUrl.Host);
        Assert.Contains("/category/nature", await client.GetStringAsync("/"));
        var category = await client.GetStringAsync("/category/city");
        Assert.Contains("class=\"sound\"", category);
        Assert.Contains("rel=\"next\"", await client.GetStringAsync("/category/nature"));
        Assert.Contains("<audio", await client.GetStringAsync("/sound/1"));
        Assert.Contains("Disallow: /private/", await client.GetStringAsync("/robots.txt"));

        var audio = await client.GetAsync("/audio/1.wav");
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType!.MediaType);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString((await audio.Content.ReadAsByteArrayAsync())[..4]));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/audio/17.wav")).StatusCode);
    }

    [Fact]
    public void Expected_pairs_cover_every_sound_with_audio_once_with_normalised_text()
    {
        var site = new SoundLibrarySite(new SoundCatalogue(120));
        var pairs = site.ExpectedPairs(new Uri("http://127.0.0.1:5000/"));

        Assert.Equal(120 - 7, pairs.Count);
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        Assert.Contains(("http://127.0.0.1:5000/audio/5.wav", "Line one line two"), pairs);
        Assert.Contains(("http://127.0.0.1:5000/audio/7.wav", "Spaces around"), pairs);
    }

    [Fact]
    public void Wav_tones_are_well_formed_pcm()
    {
        var wav = WavTone.Create(440, seconds: 0.5, sampleRate: 16000);
        Assert.Equal(44 + 16000, wav.Length);
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(wav, 8, 4));
        Assert.Equal(16000, BitConverter.ToInt32(wav, 24));
    }
}
