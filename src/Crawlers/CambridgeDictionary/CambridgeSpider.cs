using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Http;
using AudioCrawl.Core.Spiders;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Crawlers.CambridgeDictionary;

/// <summary>
/// Word–pronunciation pairs from Cambridge Dictionary: one pair per distinct recording on an entry page, the text
/// being the headword as displayed. Browses the whole dictionary (index → letters → ranges → entries) or looks up
/// a word list at the entry URLs.
/// </summary>
[Spider("cambridge", "Word and phrase pronunciations (UK and US audio) from Cambridge Dictionary, by browsing or from a word list.")]
public sealed class CambridgeSpider : Spider<CambridgeSettings>
{
    public const string NotFound = "cambridge/not_found";
    public const string NoAudio = "cambridge/no_audio";
    public const string Entries = "cambridge/entries";
    public const string ParsedWithDom = "cambridge/dom_parsed";

    // Entries first, then ranges, then letters: pairs flow early and the frontier stays small during a full browse.
    private const int EntryPriority = 2;
    private const int RangePriority = 1;

    private Uri Root => Settings.BaseUrl.AbsoluteUri.EndsWith('/') ? Settings.BaseUrl : new Uri(Settings.BaseUrl.AbsoluteUri + "/");

    /// <summary>A public dictionary: two requests at a time and a second between them, unless configured otherwise.</summary>
    public override EngineSettings DefaultEngineSettings(EngineSettings builtIn) => builtIn with { PerHost = 2, Delay = 1 };

    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Settings.Words.Count == 0 && string.IsNullOrWhiteSpace(Settings.WordsFile))
        {
            yield return new Request(new Uri(Root, $"browse/{Uri.EscapeDataString(Settings.Dictionary)}/"), nameof(ParseBrowseIndex));
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var word in WordsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (seen.Add(CambridgeSlug.From(word)))
                yield return EntryRequest(CambridgeSlug.EntryUrl(Root, Settings.Dictionary, word));
        }
    }

    [Yields(Requests = 1)]
    public async IAsyncEnumerable<SpiderOutput> ParseBrowseIndex(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var letter in CambridgeBrowseParser.LetterPages(response.Document, response.BaseUrl, Settings.Dictionary))
            yield return new Request(letter, nameof(ParseBrowse)) { Depth = response.Request.Depth + 1 };
        await Task.CompletedTask;
    }

    /// <summary>A letter page (links to ranges) or a range page (links to entries): both list them in the i-browse block.</summary>
    [Yields(Requests = 1)]
    public async IAsyncEnumerable<SpiderOutput> ParseBrowse(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var links = CambridgeBrowseParser.BrowseBlock(response.Document, response.BaseUrl, Settings.Dictionary);
        foreach (var entry in links.Entries)
            yield return EntryRequest(entry) with { Depth = response.Request.Depth + 1 };
        foreach (var page in links.BrowsePages)
            yield return new Request(page, nameof(ParseBrowse)) { Depth = response.Request.Depth + 1, Priority = RangePriority };
        await Task.CompletedTask;
    }

    [Yields(Pairs = 1, OrCounted = [NoAudio, NotFound])]
    public async IAsyncEnumerable<SpiderOutput> ParseEntry(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (response.Status == 404 || !CambridgeBrowseParser.IsEntry(response.Url, Settings.Dictionary))
        {
            CountNotFound(response);
            yield break;
        }
        var page = ReadEntry(response);
        if (!page.IsEntry)
        {
            CountNotFound(response);
            yield break;
        }
        Context.Stats.Custom.Increment(Entries);
        if (!page.HasAudio)
        {
            Context.Stats.Custom.Increment(NoAudio);
            yield break;
        }
        var emitted = new HashSet<Uri>();
        foreach (var pronunciation in page.Pronunciations)
        {
            foreach (var audio in Recordings(pronunciation))
            {
                if (emitted.Add(audio))
                    yield return ToPair(pronunciation, audio, response.Url);
            }
        }
        await Task.CompletedTask;
    }

    /// <summary>The streaming reader, or the DOM parser for a page whose markup needs the full HTML tree rules.</summary>
    private CambridgeEntryPage ReadEntry(Response response)
    {
        if (Settings.EntryReader == CambridgeEntryReader.Streaming)
        {
            if (CambridgeEntryScanner.TryParse(response.Text, response.BaseUrl, out var unsupported) is { } page)
                return page;
            Logger.LogDebug("Parsed {Url} with the DOM parser: {Reason}", response.Url, unsupported);
        }
        Context.Stats.Custom.Increment(ParsedWithDom);
        return CambridgeEntryParser.Parse(response.Document, response.BaseUrl);
    }

    private IEnumerable<Uri> Recordings(CambridgePronunciation pronunciation)
    {
        if (Settings.AudioFormat != CambridgeAudioFormat.Ogg && pronunciation.Mp3 is { } mp3)
            yield return mp3;
        if (Settings.AudioFormat != CambridgeAudioFormat.Mp3 && pronunciation.Ogg is { } ogg)
            yield return ogg;
    }

    private AudioPair ToPair(CambridgePronunciation pronunciation, Uri audio, Uri entryUrl)
    {
        var data = new JsonObject
        {
            ["headword"] = pronunciation.Headword,
            ["ipa"] = pronunciation.Ipa,
            ["region"] = pronunciation.Region,
            ["pos"] = pronunciation.PartOfSpeech,
            ["entry_url"] = entryUrl.AbsoluteUri,
            ["dictionary"] = Settings.Dictionary,
        };
        IReadOnlyList<string> tags = pronunciation.PartOfSpeech is { } pos ? [pronunciation.Region, pos] : [pronunciation.Region];
        return new AudioPair(audio, Settings.TextTemplate.Replace(CambridgeSettings.WordPlaceholder, pronunciation.Headword, StringComparison.Ordinal))
        {
            Tags = tags,
            OriginalData = data,
            Page = entryUrl,
        };
    }

    private static Request EntryRequest(Uri url) => new(url, nameof(ParseEntry)) { HandleStatuses = [404], Priority = EntryPriority };

    private void CountNotFound(Response response)
    {
        Context.Stats.Custom.Increment(NotFound);
        Logger.LogDebug("Not in the dictionary: {Requested} (status {Status}, ended at {Url})", response.Request.Url, response.Status, response.Url);
    }

    private async IAsyncEnumerable<string> WordsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var word in Settings.Words)
            yield return word.Trim();
        if (string.IsNullOrWhiteSpace(Settings.WordsFile))
            yield break;
        await foreach (var line in File.ReadLinesAsync(Settings.WordsFile, cancellationToken).ConfigureAwait(false))
        {
            var word = line.Trim().TrimStart('\uFEFF');
            if (word.Length > 0 && !word.StartsWith('#'))
                yield return word;
        }
    }
}
