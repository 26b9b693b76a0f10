using System.Globalization;
using System.Security.Cryptography;
using Amazon.S3.Model;

namespace Delivery;

/// <summary>
/// Puts one file as one object: a single PUT up to the part size, else a multipart upload in parts of that size,
/// several parts in flight. Requests in flight, objects and parts together, never exceed the concurrency, and a part
/// is read from disk only once it has a slot (so memory stays at about concurrency × part size).
/// Every request carries Content-MD5 (the store rejects a corrupted body) and every returned ETag is compared with
/// our own MD5 (a store that does not check still cannot make us report a bad copy as done). A multipart upload
/// that fails or is cancelled is aborted, so no orphaned parts stay billed in the bucket.
/// </summary>
public sealed class ObjectUploader(S3Store store)
{
    private readonly SemaphoreSlim _requests = new(store.Options.Concurrency);

    /// <summary>Puts <paramref name="content"/> (a whole file read into memory) in one request.</summary>
    public async Task UploadAsync(string key, byte[] content, FileDigest digest, CancellationToken cancellationToken = default)
    {
        var md5 = MD5.HashData(content);
        await _requests.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var etag = await store.PutAsync(key, content, Convert.ToBase64String(md5), digest.Sha256, cancellationToken).ConfigureAwait(false);
            CheckETag(key, etag, Convert.ToHexStringLower(md5));
        }
        finally
        {
            _requests.Release();
        }
    }

    /// <summary>Uploads the file at <paramref name="path"/> as a multipart upload in parts of the part size.</summary>
    public async Task UploadInPartsAsync(string path, string key, FileDigest digest, CancellationToken cancellationToken = default)
    {
        var uploadId = await store.StartMultipartAsync(key, digest.Sha256, cancellationToken).ConfigureAwait(false);
        var inFlight = new List<Task<PartETag>>();
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            CheckUnchanged(path, digest, file.Length);
            for (var number = 1; ; number++)
            {
                await _requests.WaitAsync(cancellationToken).ConfigureAwait(false);
                var buffer = new byte[store.Options.PartSize];
                int read;
                try
                {
                    read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    _requests.Release();
                    throw;
                }
                if (read == 0)
                {
                    _requests.Release();
                    break;
                }
                inFlight.Add(PutPartAsync(key, uploadId, number, new ArraySegment<byte>(buffer, 0, read), cancellationToken));
            }
            var parts = await Task.WhenAll(inFlight).ConfigureAwait(false);
            await store.CompleteMultipartAsync(key, uploadId, parts, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            try
            {
                await Task.WhenAll(inFlight).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DeliveryException or OperationCanceledException)
            {
            }
            await store.AbortMultipartAsync(key, uploadId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends one part; the caller took its request slot, released here.</summary>
    private async Task<PartETag> PutPartAsync(string key, string uploadId, int number, ArraySegment<byte> part, CancellationToken cancellationToken)
    {
        try
        {
            var md5 = MD5.HashData(part);
            var etag = await store.PutPartAsync(key, uploadId, number, part, Convert.ToBase64String(md5), cancellationToken).ConfigureAwait(false);
            CheckETag($"{key} part {number}", etag, Convert.ToHexStringLower(md5));
            return new PartETag(number, etag);
        }
        finally
        {
            _requests.Release();
        }
    }

    private static void CheckUnchanged(string path, FileDigest digest, long length)
    {
        if (length != digest.Length)
            throw new DeliveryException($"{path} changed while it was being uploaded ({digest.Length.ToString(CultureInfo.InvariantCulture)} bytes, now {length.ToString(CultureInfo.InvariantCulture)}).");
    }

    private void CheckETag(string what, string etag, string md5Hex)
    {
        var returned = etag.Trim('"');
        if (!string.Equals(returned, md5Hex, StringComparison.OrdinalIgnoreCase))
            throw new DeliveryException($"{store.Options.EndpointName}, bucket {store.Location.Bucket}, {what}: the store's ETag {returned} is not the MD5 {md5Hex} of what we sent.");
    }
}
