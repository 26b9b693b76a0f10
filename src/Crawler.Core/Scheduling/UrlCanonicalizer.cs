using System.Text;

namespace Crawler.Core.Scheduling;

/// <summary>
/// The canonical form two URLs share when they name the same page: scheme and host lower-cased, default port
/// dropped, fragment dropped, query parameters sorted.
/// </summary>
public static class UrlCanonicalizer
{
    public static string Canonicalize(Uri url)
    {
        if (!url.IsAbsoluteUri)
            throw new ArgumentException($"'{url}' is not an absolute URL.", nameof(url));
        var builder = new StringBuilder(url.OriginalString.Length + 8);
        builder.Append(url.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped).ToLowerInvariant());
        builder.Append(url.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped) is { Length: > 0 } path ? path : "/");
        var query = url.GetComponents(UriComponents.Query, UriFormat.UriEscaped);
        if (query.Length > 0)
        {
            var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries);
            Array.Sort(parameters, CompareParameters);
            builder.Append('?').AppendJoin('&', parameters);
        }
        return builder.ToString();
    }

    private static int CompareParameters(string left, string right)
    {
        var leftKey = left.AsSpan(0, KeyLength(left));
        var rightKey = right.AsSpan(0, KeyLength(right));
        var byKey = leftKey.CompareTo(rightKey, StringComparison.Ordinal);
        return byKey != 0 ? byKey : string.CompareOrdinal(left, right);
    }

    private static int KeyLength(string parameter) => parameter.IndexOf('=') is var i and >= 0 ? i : parameter.Length;
}
