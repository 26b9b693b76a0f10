using System.CommandLine;
using System.Text.Json;
using Crawler.Core.Configuration;
using Delivery;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Commands;

/// <summary>The flags of every command that uploads to S3-compatible storage ('upload', 'verify', and --upload on download, pack and crawl).</summary>
public sealed class UploadOptionSet
{
    public Option<string?> Upload { get; } = new("--upload") { Description = "Deliver to this S3 location (s3://bucket/prefix/): each shard as soon as it is finished, then the rest and manifest.json last." };

    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "S3-compatible endpoint URL (MinIO, Ceph, R2, ...; default AWS S3)." };

    public Option<string?> Region { get; } = new("--region") { Description = "The region (default AWS_REGION, else us-east-1)." };

    public Option<string?> Profile { get; } = new("--profile") { Description = "A profile of ~/.aws/credentials or ~/.aws/config (default: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, then the standard chain)." };

    public Option<bool> PathStyle { get; } = new("--path-style") { Description = "Path-style addressing (endpoint/bucket/key), which most S3-compatible stores need." };

    public Option<int> UploadConcurrency { get; } = new("--upload-concurrency") { Description = "Objects uploaded at once (default 8).", DefaultValueFactory = _ => 8 };

    public Option<long> PartSize { get; } = new("--part-size") { Description = "Objects larger than this many bytes go up in parts of this size (default 16 MiB; S3 needs at least 5 MiB except for the last part).", DefaultValueFactory = _ => 16L * 1024 * 1024 };

    /// <summary>The connection flags (every uploading command; <c>--upload</c> itself only where a command delivers on the side).</summary>
    public IEnumerable<Option> Connection => [Endpoint, Region, Profile, PathStyle, UploadConcurrency, PartSize];

    public IEnumerable<Option> All => [Upload, .. Connection];

    public S3ConnectionOptions ConnectionOptions(ParseResult parse) => new()
    {
        Endpoint = parse.GetValue(Endpoint),
        Region = parse.GetValue(Region),
        Profile = parse.GetValue(Profile),
        PathStyle = parse.GetValue(PathStyle),
        Concurrency = parse.GetValue(UploadConcurrency),
        PartSize = parse.GetValue(PartSize),
    };

    public S3Store OpenStore(ParseResult parse, string location) => S3Store.Open(S3Location.Parse(location), ConnectionOptions(parse));

    /// <summary>One small request that fails on refused credentials or a missing bucket, before any work starts (a configuration error, exit 2).</summary>
    public static Task CheckAccessAsync(S3Store store, CancellationToken cancellationToken) =>
        store.ListAsync(store.Location.Prefix + "manifest.json", cancellationToken);

    /// <summary>
    /// With --upload: checks the target can be reached before any work, and starts uploading finished shards of
    /// <paramref name="folder"/>. Null without --upload.
    /// </summary>
    public async Task<ShardUploader?> StartAsync(ParseResult parse, string? folder, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Upload) is not { } target)
            return null;
        var store = OpenStore(parse, target);
        try
        {
            await CheckAccessAsync(store, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return new ShardUploader(store, folder, loggers.CreateLogger("upload"), time, cancellationToken);
    }

    /// <summary>Waits for the shards in flight, delivers the rest (and <paramref name="extraFiles"/>), manifest last, and prints the summary.</summary>
    public static async Task FinishAsync(ShardUploader? upload, CliEnvironment environment, IReadOnlyList<string> extraFiles, string? statsPath, CancellationToken cancellationToken)
    {
        if (upload is null)
            return;
        var stats = statsPath is not null && File.Exists(statsPath) ? ReadStats(statsPath) : null;
        var summary = await upload.FinishAsync(stats, extraFiles, cancellationToken).ConfigureAwait(false);
        await environment.Out.WriteAsync(Running.UploadReport.Format(summary, upload.Target.ToString())).ConfigureAwait(false);
    }

    public static JsonElement? ReadStats(string? path)
    {
        if (path is null)
            return null;
        if (!File.Exists(path))
            throw new ConfigurationException($"--stats {path}: no such file.");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"--stats {path}: not JSON ({ex.Message}).");
        }
    }
}
