namespace Delivery;

/// <summary>Where and how to talk to the object store.</summary>
public sealed record S3ConnectionOptions
{
    public const long MinimumPartSize = 5L * 1024 * 1024;

    /// <summary>An S3-compatible endpoint such as <c>http://127.0.0.1:9000</c> (MinIO, Ceph, R2, ...). Default none: AWS S3.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The region. Default: the SDK's (AWS_REGION, the profile), else us-east-1.</summary>
    public string? Region { get; init; }

    /// <summary>A profile of the shared credentials/config files. Default none: the standard credential chain.</summary>
    public string? Profile { get; init; }

    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>), which most S3-compatible stores need. Default false.</summary>
    public bool PathStyle { get; init; }

    /// <summary>Objects (and parts) in flight at once. Default 8.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Objects larger than this go up in parts of this size. Default 16 MiB (S3's minimum is 5 MiB).</summary>
    public long PartSize { get; init; } = 16L * 1024 * 1024;

    /// <summary>Attempts the SDK makes on a 5xx, throttling or network error, with exponential backoff. Default 6.</summary>
    public int MaxAttempts { get; init; } = 6;

    public string EndpointName => Endpoint ?? "AWS S3";

    public IEnumerable<string> Validate()
    {
        if (Concurrency < 1)
            yield return $"--upload-concurrency must be at least 1, not {Concurrency}.";
        if (PartSize < 1)
            yield return $"--part-size must be positive, not {PartSize}.";
        if (Endpoint is not null && !(Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return $"--endpoint '{Endpoint}': expected an http:// or https:// URL.";
    }
}
