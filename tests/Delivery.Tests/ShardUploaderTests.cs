using AudioCrawl.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Sinks.Download;
using Sinks.WebDataset;
using Xunit;

namespace Delivery.Tests;

public sealed class ShardUploaderTests : DeliveryTestBase
{
    [Fact]
    public async Task Each_finished_shard_is_uploaded_while_the_writer_fills_the_next_and_never_a_tmp_shard()
    {
        var folder = Temp.File("live");
        var writer = new WebDatasetWriter(folder, new WebDatasetOptions { SamplesPerShard = 2 }, TimeProvider.System);
        await writer.OpenAsync(_ => ValueTask.CompletedTask);
        await using var uploader = new ShardUploader(Store("live/"), folder, NullLogger.Instance, TimeProvider.System);
        uploader.Watch(writer);

        for (var i = 0; i < 5; i++)
        {
            var key = SampleKey.Of($"http://127.0.0.1/{i}.mp3", "t");
            await writer.WriteAsync(key, "flac", new byte[300], "{}"u8.ToArray(), new SampleStatus { Key = key, Status = "success" });
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (uploader.ShardsUploaded < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        var whileWriting = await RemoteKeysAsync("live/");
        Assert.True(File.Exists(Path.Combine(folder, "00002.tar.tmp")), "the third shard should still be open");
        Assert.Contains("live/00000.tar", whileWriting);
        Assert.Contains("live/00001_stats.json", whileWriting);
        Assert.DoesNotContain(whileWriting, k => k.EndsWith(".tmp", StringComparison.Ordinal) || k.Contains("00002", StringComparison.Ordinal));

        await writer.CompleteAsync();
        var summary = await uploader.FinishAsync(null, []);

        Assert.Equal(ShardFolder.ExpectedKeys(folder, "live/").Order(), (await RemoteKeysAsync("live/")).Order());
        Assert.Equal(3, uploader.ShardsUploaded);
        Assert.True(summary.Unchanged >= 4, $"the shards uploaded while writing were sent again: {summary}");
    }

    [Fact]
    public async Task Pack_with_upload_delivers_the_shards_and_the_manifest()
    {
        var loose = Directory.CreateDirectory(Temp.File("files")).FullName;
        for (var i = 0; i < 5; i++)
        {
            var key = SampleKey.Of($"http://127.0.0.1/{i}.mp3", "t");
            await File.WriteAllBytesAsync(Path.Combine(loose, key + ".flac"), new byte[400]);
            await File.WriteAllTextAsync(Path.Combine(loose, key + ".json"), $$$"""{"text": ["t"], "original_data": {"url": "http://127.0.0.1/{{{i}}}.mp3"}}""");
        }

        var result = await AudioCrawlProcess.RunAsync(Temp.Path, S3rverProcess.Credentials(), TimeSpan.FromMinutes(1),
            ["pack", loose, "-o", Temp.File("shards"), "--samples-per-shard", "2", "--upload", Target("packed/"), .. Server.ConnectionArgs]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(ShardFolder.ExpectedKeys(Temp.File("shards"), "packed/"), await RemoteKeysAsync("packed/"));
        Assert.Contains("packed/manifest.json", await RemoteKeysAsync("packed/"));
        Assert.Contains("upload -> s3://delivery/packed/", result.Output, StringComparison.Ordinal);
    }
}
