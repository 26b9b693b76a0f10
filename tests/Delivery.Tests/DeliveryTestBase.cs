using Amazon.Runtime;
using AudioCrawl.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Delivery.Tests;

/// <summary>Each test gets its own s3rver process and temp folder.</summary>
public abstract class DeliveryTestBase : IAsyncLifetime
{
    protected TempDirectory Temp { get; } = new();

    protected S3rverProcess Server { get; private set; } = null!;

    /// <summary>A delay s3rver puts before every PUT; none by default.</summary>
    protected virtual TimeSpan PutLatency => TimeSpan.Zero;

    public async Task InitializeAsync() => Server = await S3rverProcess.StartAsync(PutLatency);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Temp.Dispose();
    }

    protected S3Store Store(string prefix, long partSize = 16L * 1024 * 1024, string accessKey = S3rverProcess.AccessKey) =>
        S3Store.Open(new S3Location(S3rverProcess.Bucket, prefix), Server.Options(partSize), new BasicAWSCredentials(accessKey, "S3RVER"));

    protected static FolderUploader Uploader(S3Store store) => new(store, NullLogger.Instance, TimeProvider.System);

    protected string Target(string prefix) => $"s3://{S3rverProcess.Bucket}/{prefix}";

    protected async Task<HashSet<string>> RemoteKeysAsync(string prefix)
    {
        using var store = Store(prefix);
        return (await store.ListAsync(prefix)).Keys.ToHashSet(StringComparer.Ordinal);
    }

    protected string[] UnfinishedUploads() =>
        Directory.Exists(Server.UploadsFolder) ? Directory.GetDirectories(Server.UploadsFolder) : [];
}
