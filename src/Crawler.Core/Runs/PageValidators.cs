using Crawler.Abstractions.Http;

namespace Crawler.Core.Runs;

/// <summary>What a server said identifies the version of a page it sent (RFC 9110 §8.8): its ETag and Last-Modified.</summary>
public sealed record PageValidators(string? ETag, string? LastModified)
{
    /// <summary>The validators of a response, or null when it has neither.</summary>
    public static PageValidators? Of(Response response)
    {
        var etag = response.Headers["ETag"];
        var modified = response.Headers["Last-Modified"];
        return string.IsNullOrWhiteSpace(etag) && string.IsNullOrWhiteSpace(modified) ? null : new PageValidators(etag, modified);
    }

    /// <summary>The request's headers plus the conditional ones that ask the server for this version or a 304.</summary>
    public IReadOnlyDictionary<string, string> AddTo(IReadOnlyDictionary<string, string> headers)
    {
        var conditional = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(ETag))
            conditional["If-None-Match"] = ETag;
        if (!string.IsNullOrWhiteSpace(LastModified))
            conditional["If-Modified-Since"] = LastModified;
        return conditional;
    }
}
