using System.Globalization;
using System.Security.Cryptography;
using Amazon.S3.Model;

namespace AudioCrawl.Delivery;

/// <summary>
/// Puts one file as one object: a single PUT up to the part size, else a multipart upload in parts of that size.
/// Every request carries Content-MD5 (the store rejects a corrupted body) and every returned ETag is compared with
/// our own MD5 (a store that does not check still cannot make us report a bad copy as done). A multipart upload
/// that fails or is cancelled is aborted, so no orphaned parts stay billed in the bucket.
/// </summary>
public sealed class ObjectUploader(S3Store store)
{
    /// <summary>Puts <paramref name="content"/> (a whole file read into memory) in one request.</summary>
    public async Task UploadAsync(string key, byte[] content, FileDigest digest, CancellationToken cancellationToken = default)
    {
        var md5 = MD5.HashData(content);
        var etag = await store.PutAsync(key, content, Convert.ToBase64String(md5), digest.Sha256, cancellationToken).ConfigureAwait(false);
        CheckETag(key, etag, Convert.ToHexStringLower(md5));
    }

    /// <summary>Uploads the file at <paramref name="path"/> as a multipart upload in parts of the part size.</summary>
    public async Task UploadInPartsAsync(string path, string key, FileDigest digest, CancellationToken cancellationToken = default)
    {
        var uploadId = await store.StartMultipartAsync(key, digest.Sha256, cancellationToken).ConfigureAwait(false);
        try
        {
            var parts = new List<PartETag>();
            var buffer = new byte[store.Options.PartSize];
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            CheckUnchanged(path, digest, file.Length);
            for (var number = 1; ; number++)
            {
                var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    break;
                var part = new ArraySegment<byte>(buffer, 0, read);
                var md5 = MD5.HashData(part);
                var etag = await store.PutPartAsync(key, uploadId, number, part, Convert.ToBase64String(md5), cancellationToken).ConfigureAwait(false);
                CheckETag($"{key} part {number}", etag, Convert.ToHexStringLower(md5));
                parts.Add(new PartETag(number, etag));
            }
            await store.CompleteMultipartAsync(key, uploadId, parts, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.AbortMultipartAsync(key, uploadId, CancellationToken.None).ConfigureAwait(false);
            throw;
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
