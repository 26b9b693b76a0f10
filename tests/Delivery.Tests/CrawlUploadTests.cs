using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Xunit;

namespace Delivery.Tests;

public sealed class CrawlUploadTests : DeliveryTestBase
{
    [Fact]
    public async Task Crawl_with_upload_delivers_the_csv_byte_for_byte()
    {
        await File.WriteAllTextAsync(Temp.File("crawlers.json"), "{}");
        await using var site = await LoopbackServer.StartAsync(new SoundLibrarySite(new SoundCatalogue(30)));

        var result = await AudioCrawlProcess.RunAsync(Temp.Path, S3rverProcess.Credentials(), TimeSpan.FromMinutes(2),
            ["crawl", "sounds", "-o", "pairs.csv", "--set", $"baseUrl={site.BaseUrl}", "--delay", "0", "--stats", "stats.json", "--upload", Target("crawl/"), .. Server.ConnectionArgs]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(["crawl/pairs.csv"], await RemoteKeysAsync("crawl/"));
        using var store = Store("crawl/");
        await using var remote = await store.OpenReadAsync("crawl/pairs.csv");
        using var copy = new MemoryStream();
        await remote.CopyToAsync(copy);
        Assert.Equal(await File.ReadAllBytesAsync(Temp.File("pairs.csv")), copy.ToArray());
    }
}
