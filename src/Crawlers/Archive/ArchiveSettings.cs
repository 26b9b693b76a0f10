using System.ComponentModel;
using Crawler.Abstractions.Configuration;

namespace Crawlers.Archive;

public sealed record ArchiveSettings : IValidatableSettings
{
    public const string ArchiveListing = "archive";
    public const string LibriVoxListing = "librivox";

    [Description("How items are listed: 'archive' (the Internet Archive scrape API, then each item's /metadata) or 'librivox' (LibriVox's /api/feed/audiobooks with their sections).")]
    public string Listing { get; init; } = ArchiveListing;

    [Description("Internet Archive collections whose items are read (e.g. librivoxaudio, oldtimeradio). Listing 'archive' only.")]
    public IReadOnlyList<string> Collections { get; init; } = [];

    [Description("Listing 'archive': Lucene queries for the scrape API (e.g. \"collection:librivoxaudio AND language:French\"). Listing 'librivox': title searches (a leading ^ anchors at the start).")]
    public IReadOnlyList<string> Queries { get; init; } = [];

    [Description("Single Internet Archive item identifiers (their /metadata is read). Listing 'archive' only.")]
    public IReadOnlyList<string> Identifiers { get; init; } = [];

    [Description("The file format kept of each item, as its metadata names it ('64Kbps MP3', 'VBR MP3', 'Ogg Vorbis', 'Flac', ...); one derivative, not all of them.")]
    public string Format { get; init; } = "64Kbps MP3";

    [Description("The pair's text: {title} (the file's title, e.g. the chapter; else its name), {item} (the item's or audiobook's title), {creator}.")]
    public string TextTemplate { get; init; } = "{item} — {title}";

    [Description("Most items (audiobooks) read per collection or query (0 for no limit).")]
    public int MaxItemsPerInput { get; init; }

    [Description("Results per scrape API page (the API takes 100 to 10,000).")]
    public int PageSize { get; init; } = 1000;

    [Description("Root of the Internet Archive (scrape API, /metadata, /download).")]
    public Uri BaseUrl { get; init; } = new("https://archive.org/");

    [Description("Root of LibriVox (its /api/feed/audiobooks API).")]
    public Uri LibriVoxBaseUrl { get; init; } = new("https://librivox.org/");

    public bool UsesLibriVox => Listing == LibriVoxListing;

    public IEnumerable<string> Validate()
    {
        if (Listing is not (ArchiveListing or LibriVoxListing))
            yield return $"listing must be '{ArchiveListing}' or '{LibriVoxListing}', not '{Listing}'";
        if (!UsesLibriVox && Collections.Count + Queries.Count + Identifiers.Count == 0)
            yield return "give at least one input: collections, queries or identifiers (lists; comma-separated with --set)";
        if (UsesLibriVox && Collections.Count + Identifiers.Count > 0)
            yield return "listing 'librivox' reads LibriVox's own API: give queries (title searches) or nothing (every audiobook), not collections or identifiers";
        if (PageSize is < 100 or > 10_000)
            yield return "pageSize must be between 100 and 10000 (the scrape API's limits)";
        if (MaxItemsPerInput < 0)
            yield return "maxItemsPerInput must be 0 (no limit) or more";
        if (string.IsNullOrWhiteSpace(Format))
            yield return "format must name a file format, such as '64Kbps MP3'";
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
            yield return "baseUrl must be an absolute http(s) URL";
        if (!LibriVoxBaseUrl.IsAbsoluteUri || LibriVoxBaseUrl.Scheme is not ("http" or "https"))
            yield return "libriVoxBaseUrl must be an absolute http(s) URL";
    }
}
