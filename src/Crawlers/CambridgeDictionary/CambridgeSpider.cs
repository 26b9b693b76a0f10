using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Politeness;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Sitemaps;
using Microsoft.Extensions.Logging;

namespace Crawlers.CambridgeDictionary;

/// <summary>
/// Word–pronunciation pairs from Cambridge Dictionary: one pair per distinct recording on an entry page, the text
/// being the headword as displayed. Finds the entries as <see cref="CambridgeDiscoveryPlan"/> chooses: a word list
/// at the entry URLs, the dictionary's sitemaps, or the browse pages (index → letters → ranges → entries) where
/// robots.txt allows them (the live site's does not).
/// </summary>
[Spider("cambridge", "Word and phrase pronunciations (UK and US audio) from Cambridge Dictionary, from its sitemaps, its browse pages or a word list.")]
public sealed class CambridgeSpider : Spider<CambridgeSettings>, IEngineDefaults
{
    public const string NotFound = "cambridge/not_found";
    public const string NoAudio = "cambridge/no_audio";
    public const string Entries = "cambridge/entries";
    public const string ParsedWithDom = "cambridge/dom_parsed";
    public const string NoSitemap = "cambridge/no_sitemap";

    // Entries first, then ranges, then letters: pairs flow early and the frontier stays small during a full browse.
    private const int EntryPriority = 2;
    private const int RangePriority = 1;

    private Uri Root => Settings.BaseUrl.AbsoluteUri.EndsWith('/') ? Settings.BaseUrl : new Uri(Settings.BaseUrl.AbsoluteUri + "/");

    /// <summary>A public dictionary: two requests at a time and a second between them, unless configured otherwise.</summary>
    public static EngineSettings EngineDefaults(EngineSettings builtIn) => builtIn with { PerHost = 2, Delay = 1 };

    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var robots = Context.Robots is { } source ? await source.GetAsync(Root, cancellationToken).ConfigureAwait(false) : null;
        var plan = CambridgeDiscoveryPlan.Choose(Settings, Root, robots, RobotsTxt.ProductToken(Context.Engine.UserAgent));
        Logger.Log(plan.Blocked ? LogLevel.Warning : LogLevel.Information, "Cambridge discovery: {Discovery} ({Reason}).",
            plan.Discovery.ToString().ToLowerInvariant(), plan.Reason);
        switch (plan.Discovery)
        {
            case CambridgeDiscovery.Browse:
                yield return new Request(CambridgeDiscoveryPlan.BrowseIndex(Root, Settings.Dictionary), nameof(ParseBrowseIndex));
                yield break;
            case CambridgeDiscovery.Sitemap when plan.Sitemaps.Count > 0:
                foreach (var sitemap in plan.Sitemaps)
                    yield return SitemapFollower.RequestFor(sitemap, nameof(ParseSitemap));
                yield break;
            case CambridgeDiscovery.Sitemap:
                yield return NumberedSitemapRequest(1);
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

    /// <summary>A letter page (links to ranges) or a range page (links to entries), read by link shape in the main content.</summary>
    [Yields(Requests = 1)]
    public async IAsyncEnumerable<SpiderOutput> ParseBrowse(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var links = CambridgeBrowseParser.BrowseLinks(response.Document, response.BaseUrl, Settings.Dictionary);
        foreach (var entry in links.Entries)
            yield return EntryRequest(entry) with { Depth = response.Request.Depth + 1 };
        foreach (var page in links.BrowsePages)
            yield return new Request(page, nameof(ParseBrowse)) { Depth = response.Request.Depth + 1, Priority = RangePriority };
        await Task.CompletedTask;
    }

    /// <summary>A sitemap named by robots.txt, or a child of an index: entries of the dictionary go to <see cref="ParseEntry"/>.</summary>
    [Yields(Requests = 1)]
    public async IAsyncEnumerable<SpiderOutput> ParseSitemap(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var request in Sitemaps.Follow(response))
            yield return request;
        await Task.CompletedTask;
    }

    /// <summary>
    /// <c>/sitemap/{dictionary}/sitemapN.xml</c>, probed in order: each file found leads to the next, the first
    /// missing one (404) ends the sequence. An index among them hands its children to <see cref="ParseSitemap"/>.
    /// </summary>
    public async IAsyncEnumerable<SpiderOutput> ParseNumberedSitemap(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var number = response.Request.GetData<int>();
        if (response.Status == 404)
        {
            if (number == 1)
            {
                Context.Stats.Custom.Increment(NoSitemap);
                Logger.LogWarning("No sitemap at {Url} (404): the {Dictionary} dictionary has no numbered sitemaps to start from.", response.Url, Settings.Dictionary);
            }
            else
                Logger.LogInformation("Read {Count} numbered sitemaps of the {Dictionary} dictionary; {Url} is missing (404).", number - 1, Settings.Dictionary, response.Url);
            yield break;
        }
        foreach (var request in Sitemaps.Follow(response))
            yield return request.Callback == nameof(ParseNumberedSitemap) ? request with { Callback = nameof(ParseSitemap), Data = null } : request;
        yield return NumberedSitemapRequest(number + 1) with { Depth = response.Request.Depth };
        await Task.CompletedTask;
    }

    [Yields(Pairs = 1, OrCounted = [NoAudio, NotFound])]
    public async IAsyncEnumerable<SpiderOutput> ParseEntry(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (response.Status is >= 300 and < 400 && response.Resolve(response.Headers["Location"]) is { } target && CambridgeBrowseParser.IsEntry(target, Settings.Dictionary))
        {
            yield return EntryRequest(target) with { Depth = response.Request.Depth };
            yield break;
        }
        if (!response.IsSuccess || !CambridgeBrowseParser.IsEntry(response.Url, Settings.Dictionary))
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

    /// <summary>
    /// Statuses beyond 404 matter only when redirects are not followed (maxRedirects=0): the live site answers an
    /// unknown word with 302 to the dictionary's home page, which counts as not found like a 404.
    /// </summary>
    private static Request EntryRequest(Uri url) => new(url, nameof(ParseEntry)) { HandleStatuses = [404, 301, 302, 303, 307, 308], Priority = EntryPriority };

    private Request NumberedSitemapRequest(int number) =>
        (SitemapFollower.RequestFor(CambridgeDiscoveryPlan.NumberedSitemap(Root, Settings.Dictionary, number), nameof(ParseNumberedSitemap)) with { HandleStatuses = [404] })
            .WithData(number);

    /// <summary>Sitemap URLs that are entries of the chosen dictionary become entry requests; the rest (browse pages, other dictionaries) are skipped.</summary>
    private SitemapFollower Sitemaps => field ??= new SitemapFollower(Context, new SitemapFollowOptions
    {
        RequestFor = entry => CambridgeBrowseParser.IsEntry(entry.Location, Settings.Dictionary) ? EntryRequest(entry.Location) : null,
        FollowSitemap = entry => CambridgeBrowseParser.IsUnder(entry.Location, "sitemap", Settings.Dictionary),
    });

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
