using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.S3.Model;
using Crawler.Core.Configuration;

namespace Delivery;

/// <summary>
/// One bucket of an S3-compatible store through AWSSDK.S3: the calls a delivery makes, with the SDK's standard
/// retry mode (exponential backoff with jitter on 5xx, throttling and network errors) and every failure turned into
/// a <see cref="DeliveryException"/> that names the endpoint and bucket and never the credentials.
/// </summary>
public sealed class S3Store : IDisposable
{
    public const string Sha256Metadata = "x-amz-meta-sha256";

    private readonly IAmazonS3 _client;
    private readonly SecretRedactor _redactor;

    private S3Store(IAmazonS3 client, S3Location location, S3ConnectionOptions options, SecretRedactor redactor)
    {
        _client = client;
        Location = location;
        Options = options;
        _redactor = redactor;
    }

    public S3Location Location { get; }

    public S3ConnectionOptions Options { get; }

    public SecretRedactor Redactor => _redactor;

    /// <summary>
    /// Connects with <paramref name="credentials"/> when given (an embedding program's own), else those of
    /// <paramref name="options"/>'s profile, else the standard chain (AWS_* variables, shared files, instance roles).
    /// </summary>
    public static S3Store Open(S3Location location, S3ConnectionOptions options, AWSCredentials? credentials = null)
    {
        if (options.Validate().FirstOrDefault() is { } problem)
            throw new ConfigurationException(problem);
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.PathStyle,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxAttempts - 1,
            // S3-compatible stores (s3rver, older MinIO/Ceph) reject the SDK's default aws-chunked CRC32 trailers;
            // we send Content-MD5 ourselves and check the returned ETags instead. Bodies also go unchunked
            // (UseChunkEncoding = false below): s3rver stores aws-chunked framing as if it were the object.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        var region = options.Region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        if (options.Endpoint is not null)
        {
            config.ServiceURL = options.Endpoint;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region ?? "us-east-1");
        }

        credentials ??= ResolveCredentials(location, options, config);
        ImmutableCredentials secrets;
        try
        {
            secrets = credentials.GetCredentials();
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException)
        {
            throw new DeliveryException($"{options.EndpointName}, bucket {location.Bucket}: no usable credentials ({ex.GetType().Name}); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or give --profile.", null);
        }
        var redactor = new SecretRedactor([secrets.AccessKey, secrets.SecretKey, secrets.Token]);
        return new S3Store(new AmazonS3Client(credentials, config), location, options, redactor);
    }

    private static AWSCredentials ResolveCredentials(S3Location location, S3ConnectionOptions options, AmazonS3Config config)
    {
        if (options.Profile is { } profile)
        {
            if (new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var fromProfile))
                return fromProfile;
            throw new DeliveryException($"{options.EndpointName}, bucket {location.Bucket}: the profile '{profile}' is not in the shared credentials or config file.");
        }
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(config);
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException)
        {
            throw new DeliveryException($"{options.EndpointName}, bucket {location.Bucket}: no credentials found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or give --profile.", null);
        }
    }

    /// <summary>Every object under <paramref name="prefix"/>: key → size.</summary>
    public Task<Dictionary<string, long>> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        CallAsync($"listing {prefix}", async () =>
        {
            var objects = new Dictionary<string, long>(StringComparer.Ordinal);
            var request = new ListObjectsV2Request { BucketName = Location.Bucket, Prefix = prefix };
            ListObjectsV2Response response;
            do
            {
                response = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
                foreach (var item in response.S3Objects ?? [])
                    objects[item.Key] = item.Size ?? 0;
                request.ContinuationToken = response.NextContinuationToken;
            }
            while (response.IsTruncated == true);
            return objects;
        });

    /// <summary>The SHA-256 we stored with <paramref name="key"/> (null when the object has none or is missing).</summary>
    public Task<string?> GetSha256Async(string key, CancellationToken cancellationToken = default) =>
        CallAsync(key, async () =>
        {
            try
            {
                var head = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Location.Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
                return head.Metadata[Sha256Metadata];
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        });

    public Task<string> PutAsync(string key, ArraySegment<byte> content, string md5Base64, string sha256, CancellationToken cancellationToken = default) =>
        CallAsync(key, async () =>
        {
            using var body = new MemoryStream(content.Array!, content.Offset, content.Count, writable: false);
            var request = new PutObjectRequest { BucketName = Location.Bucket, Key = key, InputStream = body, MD5Digest = md5Base64, AutoCloseStream = false, UseChunkEncoding = false };
            request.Metadata.Add(Sha256Metadata, sha256);
            var response = await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return response.ETag ?? "";
        });

    public Task<string> StartMultipartAsync(string key, string sha256, CancellationToken cancellationToken = default) =>
        CallAsync(key, async () =>
        {
            var request = new InitiateMultipartUploadRequest { BucketName = Location.Bucket, Key = key };
            request.Metadata.Add(Sha256Metadata, sha256);
            var response = await _client.InitiateMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
            return response.UploadId;
        });

    public Task<string> PutPartAsync(string key, string uploadId, int partNumber, ArraySegment<byte> content, string md5Base64, CancellationToken cancellationToken = default) =>
        CallAsync($"{key} part {partNumber}", async () =>
        {
            using var body = new MemoryStream(content.Array!, content.Offset, content.Count, writable: false);
            var response = await _client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = Location.Bucket, Key = key, UploadId = uploadId, PartNumber = partNumber, InputStream = body, MD5Digest = md5Base64, PartSize = content.Count, UseChunkEncoding = false,
            }, cancellationToken).ConfigureAwait(false);
            return response.ETag ?? "";
        });

    public Task<string> CompleteMultipartAsync(string key, string uploadId, IReadOnlyList<PartETag> parts, CancellationToken cancellationToken = default) =>
        CallAsync(key, async () =>
        {
            var response = await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = Location.Bucket, Key = key, UploadId = uploadId, PartETags = [.. parts],
            }, cancellationToken).ConfigureAwait(false);
            return response.ETag ?? "";
        });

    public Task AbortMultipartAsync(string key, string uploadId, CancellationToken cancellationToken = default) =>
        CallAsync(key, async () =>
        {
            try
            {
                await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Location.Bucket, Key = key, UploadId = uploadId }, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
            }
            return true;
        });

    /// <summary>Unfinished multipart uploads under <paramref name="prefix"/>: (key, upload id); null when the store cannot list them.</summary>
    public Task<List<(string Key, string UploadId)>?> ListMultipartAsync(string prefix, CancellationToken cancellationToken = default) =>
        CallAsync<List<(string Key, string UploadId)>?>($"unfinished uploads under {prefix}", async () =>
        {
            var uploads = new List<(string, string)>();
            var request = new ListMultipartUploadsRequest { BucketName = Location.Bucket, Prefix = prefix };
            ListMultipartUploadsResponse response;
            do
            {
                try
                {
                    response = await _client.ListMultipartUploadsAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotImplemented)
                {
                    return null;
                }
                uploads.AddRange((response.MultipartUploads ?? []).Select(u => (u.Key, u.UploadId)));
                request.KeyMarker = response.NextKeyMarker;
                request.UploadIdMarker = response.NextUploadIdMarker;
            }
            while (response.IsTruncated == true);
            return uploads;
        });

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        CallAsync(key, async () =>
        {
            var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = Location.Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return response.ResponseStream;
        });

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        CallAsync(key, async () =>
        {
            await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Location.Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return true;
        });

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex)
        {
            throw new DeliveryException(Describe(what, ex), null);
        }
        catch (AmazonClientException ex)
        {
            throw new DeliveryException(_redactor.Redact($"{Options.EndpointName}, bucket {Location.Bucket}, {what}: {ex.Message}"), null);
        }
        catch (HttpRequestException ex)
        {
            throw new DeliveryException(_redactor.Redact($"{Options.EndpointName}, bucket {Location.Bucket}, {what}: cannot reach the endpoint ({ex.Message})"), null);
        }
    }

    private string Describe(string what, AmazonS3Exception ex)
    {
        var where = $"{Options.EndpointName}, bucket {Location.Bucket}";
        var message = ex.ErrorCode switch
        {
            "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "InvalidToken" or "ExpiredToken" =>
                $"{where}: the credentials were refused ({ex.ErrorCode}); check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or --profile.",
            "AccessDenied" or "AllAccessDisabled" => $"{where}, {what}: access denied; the credentials may not write this bucket.",
            "NoSuchBucket" => $"{where}: no such bucket.",
            _ => $"{where}, {what}: {(int)ex.StatusCode} {ex.ErrorCode} {ex.Message}",
        };
        return _redactor.Redact(message);
    }

    public void Dispose() => _client.Dispose();
}
