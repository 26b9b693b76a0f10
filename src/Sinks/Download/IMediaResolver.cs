namespace Sinks.Download;

/// <summary>
/// Downloads audio from a URL that is a page rather than a file (a YouTube watch page, a podcast episode page).
/// The downloader asks each resolver in turn; the first that claims the URL downloads it.
/// </summary>
public interface IMediaResolver
{
    string Name { get; }

    bool CanResolve(Uri url);

    /// <summary>Downloads the best audio into <paramref name="folder"/>, naming the file after <paramref name="key"/>; throws <see cref="SampleRejectedException"/> on failure.</summary>
    Task<ResolvedMedia> ResolveAsync(Uri url, string folder, string key, CancellationToken cancellationToken = default);
}
