using System.Text.Json;
using Crawler.Abstractions.Http;

namespace Crawler.Core.Media;

/// <summary>
/// Requests the engine fetches for a media handler (a sink that downloads audio) instead of for the spider: the
/// callback names the handler, the priority is below every page request (pages first, audio once no page is pending),
/// the <see cref="FetcherKind.Audio"/> fetcher serves them, and they go through the same fetch pipeline (robots.txt,
/// retries, host slots, the cluster gate) and the same frontier as pages, so a job directory resumes them.
/// </summary>
public static class MediaRequests
{
    public const string CallbackPrefix = "@media:";

    /// <summary>Below any priority a spider gives a page.</summary>
    public const int Priority = -1_000_000_000;

    /// <summary>A download of <paramref name="url"/> for the handler named <paramref name="handler"/>, carrying its <paramref name="data"/>.</summary>
    public static Request For(string handler, Uri url, JsonElement data) =>
        new(url, CallbackPrefix + handler)
        {
            Priority = Priority,
            Fetcher = FetcherKind.Audio,
            DontFilter = true,
            AcceptBinary = true,
            Data = data,
        };

    /// <summary>Whether <paramref name="request"/> is a media request, and the name of its handler.</summary>
    public static bool IsMedia(Request request, out string handler)
    {
        if (request.Callback.StartsWith(CallbackPrefix, StringComparison.Ordinal))
        {
            handler = request.Callback[CallbackPrefix.Length..];
            return true;
        }
        handler = "";
        return false;
    }

    public static bool IsMedia(Request request) => IsMedia(request, out _);
}
