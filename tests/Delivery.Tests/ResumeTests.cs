using AudioCrawl.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Delivery.Tests;

public sealed class ResumeTests(ITestOutputHelper output) : DeliveryTestBase
{
    protected override TimeSpan PutLatency => TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task An_upload_killed_with_SIGKILL_mid_way_resumes_to_the_local_folder_with_no_orphaned_multipart_upload()
    {
        // Shards of ~12 MB with a 5 MiB part size: every shard is a three-part upload, so a kill mid-way leaves parts behind.
        var folder = await ShardFolder.WriteAsync(Temp.File("shards"), samples: 18, samplesPerShard: 3, audioBytes: 4_000_000);
        string[] upload = ["upload", folder, Target("resume/"), .. Server.ConnectionArgs, "--part-size", S3ConnectionOptions.MinimumPartSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--upload-concurrency", "2"];

        using (var killed = AudioCrawlProcess.Start(Temp.Path, S3rverProcess.Credentials(), upload))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!killed.HasExited && DateTime.UtcNow < deadline && !(UnfinishedUploads().Any(u => File.Exists(Path.Combine(u, "1.md5")) && !File.Exists(Path.Combine(u, "2.md5"))) && Server.HasObject("resume/00000_stats.json")))
                await Task.Delay(5);
            Assert.False(killed.HasExited, "the upload finished before it could be killed: " + killed.ErrorSoFar);
            await killed.SignalAsync("KILL");
            await killed.WaitAsync(TimeSpan.FromSeconds(30));
        }
        var before = await RemoteKeysAsync("resume/");
        output.WriteLine($"killed with {before.Count} objects up and {UnfinishedUploads().Length} unfinished multipart uploads");
        Assert.NotEmpty(UnfinishedUploads());
        Assert.DoesNotContain("resume/manifest.json", before);

        var resumed = await AudioCrawlProcess.RunAsync(Temp.Path, S3rverProcess.Credentials(), TimeSpan.FromMinutes(3), upload);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(ShardFolder.ExpectedKeys(folder, "resume/"), await RemoteKeysAsync("resume/"));
        Assert.Empty(UnfinishedUploads());
        Assert.Matches(@"aborted +[1-9]\d* unfinished multipart", resumed.Output);
        Assert.Matches($@"unchanged +{before.Count(k => k.EndsWith(".tar", StringComparison.Ordinal) || k.EndsWith(".json", StringComparison.Ordinal))} ", resumed.Output);
        using var store = Store("resume/");
        var verify = await new DeliveryVerifier(new S3DeliverySource(store)).VerifyAsync();
        Assert.True(verify.Ok, string.Join("\n", verify.Problems));
        Assert.Equal(18, verify.Samples);
    }

    [Fact]
    public async Task Ctrl_C_during_an_upload_aborts_its_unfinished_multipart_uploads_and_reports_nothing_done()
    {
        var folder = await ShardFolder.WriteAsync(Temp.File("shards"), samples: 12, samplesPerShard: 3, audioBytes: 4_000_000);
        string[] upload = ["upload", folder, Target("stopped/"), .. Server.ConnectionArgs, "--part-size", S3ConnectionOptions.MinimumPartSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--upload-concurrency", "2"];

        using var stopped = AudioCrawlProcess.Start(Temp.Path, S3rverProcess.Credentials(), upload);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!stopped.HasExited && DateTime.UtcNow < deadline && !UnfinishedUploads().Any(u => File.Exists(Path.Combine(u, "1.md5")) && !File.Exists(Path.Combine(u, "3.md5"))))
            await Task.Delay(5);
        Assert.False(stopped.HasExited, "the upload finished before it could be stopped: " + stopped.ErrorSoFar);
        await stopped.SignalAsync("INT");
        var result = await stopped.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("stopped; unfinished multipart uploads were aborted", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("upload ->", result.Output, StringComparison.Ordinal);
        Assert.Empty(UnfinishedUploads());
        Assert.DoesNotContain("stopped/manifest.json", await RemoteKeysAsync("stopped/"));
    }
}
