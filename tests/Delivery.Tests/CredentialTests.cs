using AudioCrawl.Testing;
using Xunit;

namespace Delivery.Tests;

public sealed class CredentialTests : DeliveryTestBase
{
    private const string WrongKey = "AKIAWRONGKEY7EXAMPLE";
    private const string Secret = "wJalrXUtnFEMI-never-print-me";

    [Fact]
    public async Task Wrong_credentials_give_a_clear_error_naming_endpoint_and_bucket_exit_2_and_nothing_reported_done()
    {
        var folder = await ShardFolder.WriteAsync(Temp.File("shards"), samples: 4, samplesPerShard: 2, audioBytes: 1_000);

        var result = await AudioCrawlProcess.RunAsync(Temp.Path, S3rverProcess.Credentials(WrongKey, Secret), TimeSpan.FromMinutes(1),
            ["upload", folder, Target("denied/"), .. Server.ConnectionArgs, "--log-level", "debug"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: {Server.Endpoint}, bucket {S3rverProcess.Bucket}: the credentials were refused (InvalidAccessKeyId)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("upload ->", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("uploaded", result.Error, StringComparison.Ordinal);
        Assert.Empty(await RemoteKeysAsync("denied/"));
    }

    [Fact]
    public async Task Download_with_upload_and_wrong_credentials_fails_before_downloading_anything()
    {
        await File.WriteAllTextAsync(Temp.File("pairs.csv"), "url,text\nhttp://127.0.0.1:9/a.mp3,a\n");

        var result = await AudioCrawlProcess.RunAsync(Temp.Path, S3rverProcess.Credentials(WrongKey, Secret), TimeSpan.FromMinutes(1),
            ["download", "pairs.csv", "-o", "out", "--upload", Target("denied/"), .. Server.ConnectionArgs]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{Server.Endpoint}, bucket {S3rverProcess.Bucket}: the credentials were refused", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, result.Output + result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Temp.File("out")) && Directory.EnumerateFiles(Temp.File("out"), "*.tar").Any());
    }

    [Fact]
    public async Task A_successful_delivery_keeps_the_credentials_out_of_logs_stats_and_manifest()
    {
        // s3rver checks the access key id, not the SigV4 signature, so any secret is accepted: that lets this run succeed with a recognisable one.
        var folder = await ShardFolder.WriteAsync(Temp.File("shards"), samples: 5, samplesPerShard: 2, audioBytes: 1_000);
        await File.WriteAllTextAsync(Temp.File("stats.json"), """{"pairs":5}""");

        var result = await AudioCrawlProcess.RunAsync(Temp.Path, S3rverProcess.Credentials(S3rverProcess.AccessKey, Secret), TimeSpan.FromMinutes(1),
            ["upload", folder, Target("ok/"), .. Server.ConnectionArgs, "--stats", Temp.File("stats.json"), "--log-level", "trace"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("uploaded ok/manifest.json", result.Error, StringComparison.Ordinal);
        var written = string.Concat(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(p => p.EndsWith(".json", StringComparison.Ordinal)).Select(File.ReadAllText));
        foreach (var text in new[] { result.Output, result.Error, written })
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(S3rverProcess.AccessKey, written, StringComparison.Ordinal);
    }

    [Fact]
    public void The_redactor_masks_every_credential_in_a_message()
    {
        var redactor = new SecretRedactor([WrongKey, Secret, null, ""]);

        Assert.Equal("key *** secret *** end", redactor.Redact($"key {WrongKey} secret {Secret} end"));
    }
}
