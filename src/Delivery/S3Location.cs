using Crawler.Core.Configuration;

namespace Delivery;

/// <summary>A bucket and a key prefix, from <c>s3://bucket/prefix/</c>. The prefix is empty or ends with '/'.</summary>
public sealed record S3Location(string Bucket, string Prefix)
{
    public const string Scheme = "s3://";

    public static bool IsS3(string text) => text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    public static S3Location Parse(string text)
    {
        if (!IsS3(text))
            throw new ConfigurationException($"'{text}': expected an S3 location such as s3://bucket/prefix/.");
        var rest = text[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..].TrimStart('/');
        if (bucket.Length is < 3 or > 63 || bucket.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')))
            throw new ConfigurationException($"'{text}': '{bucket}' is no S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens).");
        if (prefix.Length > 0 && !prefix.EndsWith('/'))
            prefix += "/";
        return new S3Location(bucket, prefix);
    }

    public string KeyFor(string relativePath) => Prefix + relativePath.Replace('\\', '/');

    public override string ToString() => Scheme + Bucket + "/" + Prefix;
}
