using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Microsoft.Extensions.Logging;

namespace Crawlers.BbcSoundEffects;

/// <summary>
/// BBC Sound Effects (sound-effects.bbcrewind.co.uk): the catalogue the site's own search serves
/// (<c>POST api/sfx/search</c>, from/size paging), one pair per effect: its MP3 and its one-sentence description.
/// The effects are BBC copyright under the RemArc licence (personal, educational and research use), recorded in
/// every pair's original_data.
/// </summary>
[Spider("bbc-sfx", "BBC Sound Effects (RemArc licence: personal, educational, research use): each effect's MP3 and its description.")]
public sealed class BbcSoundEffectsSpider : Spider<BbcSoundEffectsSettings>, IEngineDefaults
{
    public const string License = "RemArc Licence (BBC): personal, educational or research use only";
    public const string LicenseUrl = "https://sound-effects.bbcrewind.co.uk/licensing";
    public const string Attribution = "BBC Sound Effects, © BBC";

    private const string StatPrefix = "bbc-sfx/";
    private readonly ConcurrentDictionary<string, byte> _emitted = new(StringComparer.Ordinal);

    /// <summary>No published rate limit: two requests at a time and a second between them, unless crawlers.json or --set say otherwise.</summary>
    public static EngineSettings EngineDefaults(EngineSettings builtIn) => builtIn with { PerHost = 2, Delay = 1 };

    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var queries = Settings.Queries.Where(q => !string.IsNullOrWhiteSpace(q)).Select(q => q.Trim()).ToArray();
        var categories = Settings.Categories.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToArray();
        IEnumerable<SfxSearchState> inputs = (queries.Length, categories.Length) switch
        {
            (0, 0) => [new SfxSearchState("the whole catalogue", null, null, 0)],
            (_, 0) => queries.Select(q => new SfxSearchState($"query '{q}'", q, null, 0)),
            (0, _) => categories.Select(c => new SfxSearchState($"category {c}", null, c, 0)),
            _ => queries.SelectMany(q => categories.Select(c => new SfxSearchState($"query '{q}' in {c}", q, c, 0))),
        };
        foreach (var input in inputs)
            yield return Search(input);
        await Task.CompletedTask;
    }

    private Request Search(SfxSearchState state)
    {
        var criteria = new JsonObject { ["from"] = state.From, ["size"] = Settings.PageSize };
        if (state.Query is not null)
            criteria["query"] = state.Query;
        if (state.Category is not null)
            criteria["categories"] = new JsonArray(state.Category);
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["criteria"] = criteria });
        return new Request(new Uri(Settings.ApiBaseUrl, "api/sfx/search"), nameof(ParseSearch))
        {
            Api = true,
            Method = "POST",
            Body = body,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["Accept"] = "application/json" },
            HandleStatuses = [400],
        }.WithData(state);
    }

    private async IAsyncEnumerable<SpiderOutput> ParseSearch(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = response.Request.GetData<SfxSearchState>();
        if (response.Status == 400 && state.From > 0 && response.Text.Contains("window", StringComparison.OrdinalIgnoreCase))
        {
            ReportResultWindow(state, state.From);
            yield break;
        }
        if (!response.IsSuccess)
        {
            Context.Stats.Custom.Increment(StatPrefix + "api_errors");
            Logger.LogError("{Input}: the search API answered HTTP {Status}: {Body}; stopped listing this input.", state.Input, response.Status, response.BodySnippet());
            yield break;
        }
        if (response.TryReadJson<SfxSearchResponse>(out var problem) is not { } page)
        {
            Context.Stats.Custom.Increment(StatPrefix + "malformed");
            Logger.LogError("{Input}: {Url} did not answer the search JSON ({Message}); stopped listing this input, the crawl goes on.", state.Input, response.Url, problem);
            yield break;
        }
        Context.Stats.Custom.Increment(StatPrefix + "pages");
        var results = page.Results ?? [];
        var listed = state.From;
        foreach (var effect in results)
        {
            if (LimitReached(listed))
                yield break;
            listed++;
            if (ToPair(effect) is { } pair)
                yield return pair;
        }
        var next = state.From + results.Count;
        if (results.Count == 0 || next >= (page.Total ?? 0) || LimitReached(listed))
            yield break;
        if (next + Settings.PageSize > BbcSoundEffectsSettings.ResultWindow)
        {
            ReportResultWindow(state with { Total = page.Total }, next);
            yield break;
        }
        yield return Search(state with { From = next, Total = page.Total });
        await Task.CompletedTask;
    }

    /// <summary>The search serves a bounded window of results (from + size): say where it ended and how to reach the rest.</summary>
    private void ReportResultWindow(SfxSearchState state, int served)
    {
        Context.Stats.Custom.Increment(StatPrefix + "result_window_reached");
        Logger.LogWarning("{Input}: {Total} effects match, but the search API serves only the first {Served}; list by categories (or narrower queries) to reach the rest.", state.Input, state.Total, served);
    }

    private AudioPair? ToPair(SfxResult effect)
    {
        if (string.IsNullOrWhiteSpace(effect.Id) || string.IsNullOrWhiteSpace(effect.Description))
        {
            Context.Stats.Custom.Increment(StatPrefix + "incomplete_results");
            return null;
        }
        if (!_emitted.TryAdd(effect.Id, 0))
        {
            Context.Stats.Custom.Increment(StatPrefix + "duplicates");
            return null;
        }
        var categories = (effect.Categories ?? []).Select(c => c.ClassName).OfType<string>().ToArray();
        var data = new JsonObject
        {
            ["source"] = "bbc-sfx",
            ["id"] = effect.Id,
            ["license"] = License,
            ["license_url"] = LicenseUrl,
            ["attribution"] = Attribution,
            ["description"] = effect.Description,
            ["categories"] = new JsonArray([.. categories.Select(c => (JsonNode)JsonValue.Create(c))]),
        };
        if (effect.DurationMilliseconds is { } milliseconds)
            data["duration_seconds"] = Math.Round(milliseconds / 1000, 3);
        data.AddIfPresent("recordist", effect.Recordist);
        data.AddIfPresent("collection", effect.Source);
        var audio = new Uri(Settings.MediaBaseUrl, "mp3/" + Uri.EscapeDataString(effect.Id) + ".mp3");
        return new AudioPair(audio, effect.Description.Trim())
        {
            Tags = [.. categories.Concat(effect.Tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.OrdinalIgnoreCase)],
            OriginalData = data,
        };
    }

    private bool LimitReached(int listed) => Settings.MaxResultsPerInput > 0 && listed >= Settings.MaxResultsPerInput;
}
