using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Microsoft.Extensions.Logging;

namespace Crawlers.Archive;

/// <summary>
/// Audio files of Internet Archive items and their titles. Listing 'archive': collections and queries through the
/// scrape API (cursor paging), then each item's <c>/metadata/{identifier}</c>, keeping the files of one format (the
/// 64 kbps MP3 derivative by default). Listing 'librivox': LibriVox's <c>/api/feed/audiobooks</c> (offset paging),
/// one pair per section. Text is the file's (chapter's) title with the item's title; the licence goes to original_data.
/// </summary>
[Spider("archive", "Internet Archive items (collections, searches) or LibriVox audiobooks: one audio file per chapter with its title.")]
public sealed class ArchiveSpider : Spider<ArchiveSettings>, IEngineDefaults
{
    public const int LibriVoxPageSize = 50;
    public const string LibriVoxLicense = "Public Domain";
    public const string LibriVoxLicenseUrl = "https://librivox.org/pages/public-domain/";

    private const string StatPrefix = "archive/";
    private readonly ConcurrentDictionary<string, byte> _items = new(StringComparer.Ordinal);

    /// <summary>No published rate limit: two requests at a time and a second between them, unless crawlers.json or --set say otherwise.</summary>
    public static EngineSettings EngineDefaults(EngineSettings builtIn) => builtIn with { PerHost = 2, Delay = 1 };

    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var queries = Settings.Queries.Where(q => !string.IsNullOrWhiteSpace(q)).Select(q => q.Trim()).ToArray();
        if (Settings.UsesLibriVox)
        {
            if (queries.Length == 0)
                yield return LibriVox(new ListingState("every LibriVox audiobook", "", 0));
            foreach (var title in queries)
                yield return LibriVox(new ListingState($"LibriVox title '{title}'", title, 0));
            yield break;
        }
        foreach (var collection in Settings.Collections.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()))
            yield return Scrape(new ListingState($"collection {collection}", $"collection:{collection}", 0), null);
        foreach (var query in queries)
            yield return Scrape(new ListingState($"query '{query}'", query, 0), null);
        foreach (var identifier in Settings.Identifiers.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()))
            yield return Metadata(identifier, $"identifier {identifier}");
        await Task.CompletedTask;
    }

    // ---------------------------------------------------------------- Internet Archive

    private Request Scrape(ListingState state, string? cursor)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"services/search/v1/scrape?fields=identifier&q={Uri.EscapeDataString(state.Query)}&count={Settings.PageSize}");
        if (cursor is not null)
            query += "&cursor=" + Uri.EscapeDataString(cursor);
        return Api(new Uri(Settings.BaseUrl, query), nameof(ParseScrape), [400]).WithData(state);
    }

    private Request Metadata(string identifier, string input) =>
        Api(new Uri(Settings.BaseUrl, "metadata/" + Uri.EscapeDataString(identifier)), nameof(ParseMetadata), []).WithData(new ListingState(input, identifier, 0));

    /// <summary>A documented API call: archive.org and LibriVox invite these, so robots.txt for pages does not govern them.</summary>
    private static Request Api(Uri url, string callback, IReadOnlyList<int> statuses) => new(url, callback)
    {
        Api = true,
        Headers = new Dictionary<string, string> { ["Accept"] = "application/json" },
        HandleStatuses = statuses,
    };

    private async IAsyncEnumerable<SpiderOutput> ParseScrape(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = response.Request.GetData<ListingState>();
        if (!response.IsSuccess)
        {
            Context.Stats.Custom.Increment(StatPrefix + "api_errors");
            Logger.LogError("{Input}: the scrape API answered HTTP {Status}: {Body}; stopped listing this input.", state.Input, response.Status, response.BodySnippet());
            yield break;
        }
        if (Read<ScrapePage>(response, state.Input) is not { } page)
            yield break;
        Context.Stats.Custom.Increment(StatPrefix + "listing_pages");
        var listed = state.Listed;
        foreach (var identifier in (page.Items ?? []).Select(i => i.Identifier).OfType<string>())
        {
            if (LimitReached(listed))
                yield break;
            listed++;
            if (_items.TryAdd(identifier, 0))
                yield return Metadata(identifier, state.Input);
        }
        if (page.Cursor is { Length: > 0 } cursor && (page.Items?.Count ?? 0) > 0 && !LimitReached(listed))
            yield return Scrape(state with { Listed = listed }, cursor);
        await Task.CompletedTask;
    }

    private async IAsyncEnumerable<SpiderOutput> ParseMetadata(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = response.Request.GetData<ListingState>();
        var identifier = state.Query;
        if (Read<ItemMetadata>(response, $"{state.Input}, item {identifier}") is not { } item)
            yield break;
        if (item.Files is null || item.Metadata is null)
        {
            Context.Stats.Custom.Increment(StatPrefix + "not_found");
            Logger.LogError("{Input}: archive.org has no item '{Identifier}' (its metadata is empty); skipped.", state.Input, identifier);
            yield break;
        }
        var files = item.Files.Where(f => f.Name is not null && string.Equals(f.Format, Settings.Format, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (files.Length == 0)
        {
            Context.Stats.Custom.Increment(StatPrefix + "no_files_in_format");
            var formats = item.Files.Select(f => f.Format).OfType<string>().Distinct().Order(StringComparer.Ordinal);
            Logger.LogInformation("Item {Identifier} has no '{Format}' files (it has: {Formats}); skipped.", identifier, Settings.Format, string.Join(", ", formats));
            yield break;
        }
        Context.Stats.Custom.Increment(StatPrefix + "items");
        var itemTitle = item.Field("title") ?? identifier;
        var creator = item.Field("creator");
        var license = item.Field("licenseurl") ?? item.Field("rights");
        foreach (var file in files.OrderBy(f => int.TryParse(f.Track?.Split('/')[0], out var track) ? track : int.MaxValue).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            var title = string.IsNullOrWhiteSpace(file.Title) ? Path.GetFileNameWithoutExtension(file.Name!) : file.Title.Trim();
            var data = new JsonObject
            {
                ["source"] = "archive",
                ["id"] = $"{identifier}/{file.Name}",
                ["identifier"] = identifier,
                ["license"] = license,
                ["item_title"] = itemTitle,
                ["file_title"] = title,
                ["format"] = file.Format,
                ["details_url"] = new Uri(Settings.BaseUrl, "details/" + Uri.EscapeDataString(identifier)).AbsoluteUri,
            };
            data.AddIfPresent("author", creator);
            data.AddIfPresent("collection", item.Field("collection"));
            data.AddIfPresent("date", item.Field("date"));
            data.AddIfPresent("language", item.Field("language"));
            if (ClockDuration.ParseSeconds(file.Length) is { } seconds)
                data["duration_seconds"] = seconds;
            if (long.TryParse(file.Size, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                data["size"] = size;
            yield return new AudioPair(DownloadUrl(identifier, file.Name!), Text(title, itemTitle, creator)) { Tags = ["archive.org"], OriginalData = data };
        }
        await Task.CompletedTask;
    }

    private Uri DownloadUrl(string identifier, string name) =>
        new(Settings.BaseUrl, "download/" + Uri.EscapeDataString(identifier) + "/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString)));

    // ---------------------------------------------------------------- LibriVox

    private Request LibriVox(ListingState state)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"api/feed/audiobooks?format=json&extended=1&limit={LibriVoxPageSize}&offset={state.Listed}");
        if (state.Query.Length > 0)
            query += "&title=" + Uri.EscapeDataString(state.Query);
        return Api(new Uri(Settings.LibriVoxBaseUrl, query), nameof(ParseLibriVox), [404]).WithData(state);
    }

    private async IAsyncEnumerable<SpiderOutput> ParseLibriVox(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = response.Request.GetData<ListingState>();
        if (Read<LibriVoxPage>(response, state.Input) is not { } page)
            yield break;
        if (response.Status == 404 || page.Books is null)
        {
            // The API's way of saying the list is over (or that nothing matched).
            if (state.Listed == 0)
                Logger.LogWarning("{Input}: LibriVox found no audiobooks ({Error}).", state.Input, page.Error ?? $"HTTP {response.Status}");
            yield break;
        }
        Context.Stats.Custom.Increment(StatPrefix + "listing_pages");
        var listed = state.Listed;
        foreach (var book in page.Books)
        {
            if (LimitReached(listed))
                yield break;
            listed++;
            if (book.Id is null || !_items.TryAdd("librivox:" + book.Id, 0))
                continue;
            Context.Stats.Custom.Increment(StatPrefix + "items");
            foreach (var pair in Sections(book))
                yield return pair;
        }
        if (page.Books.Count == LibriVoxPageSize && !LimitReached(listed))
            yield return LibriVox(state with { Listed = listed });
        await Task.CompletedTask;
    }

    private IEnumerable<AudioPair> Sections(LibriVoxBook book)
    {
        var authors = string.Join("; ", (book.Authors ?? []).Select(a => a.Name).OfType<string>());
        foreach (var section in book.Sections ?? [])
        {
            if (!Uri.TryCreate(section.ListenUrl, UriKind.Absolute, out var audio) || audio.Scheme is not ("http" or "https"))
            {
                Context.Stats.Custom.Increment(StatPrefix + "sections_without_audio");
                continue;
            }
            var title = string.IsNullOrWhiteSpace(section.Title) ? $"Section {section.SectionNumber}" : section.Title.Trim();
            var itemTitle = book.Title ?? $"LibriVox audiobook {book.Id}";
            var data = new JsonObject
            {
                ["source"] = "librivox",
                ["id"] = $"librivox:{book.Id}:{section.SectionNumber}",
                ["book_id"] = book.Id,
                ["section_number"] = section.SectionNumber,
                ["license"] = LibriVoxLicense,
                ["license_url"] = LibriVoxLicenseUrl,
                ["item_title"] = itemTitle,
                ["file_title"] = title,
            };
            data.AddIfPresent("author", authors);
            data.AddIfPresent("readers", string.Join("; ", (section.Readers ?? []).Select(r => r.Name).OfType<string>()));
            data.AddIfPresent("language", section.Language ?? book.Language);
            data.AddIfPresent("copyright_year", book.CopyrightYear);
            data.AddIfPresent("url_librivox", book.UrlLibriVox);
            if (ClockDuration.ParseSeconds(section.Playtime) is { } seconds)
                data["duration_seconds"] = seconds;
            yield return new AudioPair(audio, Text(title, itemTitle, authors)) { Tags = ["librivox", "audiobook"], OriginalData = data };
        }
    }

    // ---------------------------------------------------------------- shared

    private bool LimitReached(int listed) => Settings.MaxItemsPerInput > 0 && listed >= Settings.MaxItemsPerInput;

    private string Text(string title, string item, string? creator) => Settings.TextTemplate
        .Replace("{title}", title, StringComparison.Ordinal)
        .Replace("{item}", item, StringComparison.Ordinal)
        .Replace("{creator}", creator ?? "", StringComparison.Ordinal)
        .Trim();

    private T? Read<T>(Response response, string where) where T : class
    {
        if (response.TryReadJson<T>(out var problem) is { } value)
            return value;
        Context.Stats.Custom.Increment(StatPrefix + "malformed");
        Logger.LogError("{Where}: {Url} did not answer the JSON the API documents ({Message}); skipped it, the crawl goes on.", where, response.Url, problem);
        return null;
    }
}
