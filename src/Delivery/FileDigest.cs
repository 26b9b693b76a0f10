using System.Security.Cryptography;

namespace Delivery;

/// <summary>A file's length and SHA-256 (lower-case hex), read in one pass.</summary>
public sealed record FileDigest(long Length, string Sha256)
{
    public static FileDigest Of(byte[] content) => new(content.Length, Convert.ToHexStringLower(SHA256.HashData(content)));

    public static async Task<FileDigest> ComputeAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return new FileDigest(stream.Length, Convert.ToHexStringLower(hash));
    }
}
