using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Html;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Http;
using Microsoft.Extensions.Logging;

namespace Crawlers.Commons;

/// <summary>
/// Audio files of Wikimedia Commons through the MediaWiki Action API: the files of categories (subcategories to
/// <c>categoryDepth</c>) with <c>generator=categorymembers</c>, or of searches with <c>generator=search</c>, each
/// with <c>prop=imageinfo</c> (url, mime, size, extmetadata), following the API's <c>continue</c> values and
/// honouring <c>maxlag</c>. Lingua Libre recordings give their word as text; other files their description.
/// API calls are documented API calls (Wikimedia's robots.txt closes <c>/w/</c> to crawlers; its API etiquette
/// asks for a descriptive User-Agent and maxlag instead).
/// </summary>
[Spider("commons", "Audio files of Wikimedia Commons categories or searches (Lingua Libre word pronunciations included), through the MediaWiki Action API.")]
public sealed class CommonsSpider : Spider<CommonsSettings>, IEngineDefaults
{
    private const string StatPrefix = "commons/";
    private const string CategoryPrefix = "Category:";
    private static readonly TimeSpan LongestLagWait = TimeSpan.FromSeconds(60);
    private static readonly string Metadata = "ObjectName|ImageDescription|Artist|LicenseShortName|LicenseUrl|AttributionRequired";

    /// <summary>Wikimedia's API etiquette: one request at a time.</summary>
    public static EngineSettings EngineDefaults(EngineSettings builtIn) => builtIn with { PerHost = 1, Delay = 0.5 };

    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Context.Engine.UserAgent.Contains("http", StringComparison.OrdinalIgnoreCase) && !Context.Engine.UserAgent.Contains('@'))
            Logger.LogWarning("userAgent '{UserAgent}' names no contact (a URL or an e-mail address); Wikimedia's User-Agent policy asks for one and may answer 403", Context.Engine.UserAgent);
        foreach (var category in Settings.Categories.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            var title = CategoryTitle(category);
            yield return Call(new CommonsListing(CommonsListingKind.CategoryFiles, title, 0));
            if (Settings.CategoryDepth > 0)
                yield return Call(new CommonsListing(CommonsListingKind.Subcategories, title, 0));
        }
        foreach (var query in Settings.Queries.Where(q => !string.IsNullOrWhiteSpace(q)))
            yield return Call(new CommonsListing(CommonsListingKind.Search, query.Trim(), 0));
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<SpiderOutput> ParseFiles(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listing = response.Request.GetData<CommonsListing>();
        if (await CheckAsync(response, listing, cancellationToken) is not { } root)
        {
            if (Retry(response, listing) is { } retry)
                yield return retry;
            yield break;
        }
        foreach (var page in root.Items("query", "pages"))
        {
            if (ToPair(page, listing) is { } pair)
                yield return pair;
        }
        if (Next(root, listing) is { } next)
            yield return next;
    }

    public async IAsyncEnumerable<SpiderOutput> ParseSubcategories(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listing = response.Request.GetData<CommonsListing>();
        if (await CheckAsync(response, listing, cancellationToken) is not { } root)
        {
            if (Retry(response, listing) is { } retry)
                yield return retry;
            yield break;
        }
        foreach (var member in root.Items("query", "categorymembers"))
        {
            if (member.GetString("title") is not { } title)
                continue;
            Context.Stats.Custom.Increment(StatPrefix + "subcategories");
            yield return Call(new CommonsListing(CommonsListingKind.CategoryFiles, title, listing.Depth + 1));
            if (listing.Depth + 1 < Settings.CategoryDepth)
                yield return Call(new CommonsListing(CommonsListingKind.Subcategories, title, listing.Depth + 1));
        }
        if (Next(root, listing) is { } next)
            yield return next;
    }

    private static string CategoryTitle(string category)
    {
        var trimmed = category.Trim().Replace('_', ' ');
        return trimmed.StartsWith(CategoryPrefix, StringComparison.OrdinalIgnoreCase) ? CategoryPrefix + trimmed[CategoryPrefix.Length..] : CategoryPrefix + trimmed;
    }

    private Request Call(CommonsListing listing, IEnumerable<KeyValuePair<string, string>>? continuation = null)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("action", "query"),
            new("format", "json"),
            new("formatversion", "2"),
            new("maxlag", Settings.MaxLag.ToString(CultureInfo.InvariantCulture)),
        };
        var limit = Settings.PageSize.ToString(CultureInfo.InvariantCulture);
        switch (listing.Kind)
        {
            case CommonsListingKind.CategoryFiles:
                parameters.AddRange([new("generator", "categorymembers"), new("gcmtitle", listing.Target), new("gcmtype", "file"), new("gcmlimit", limit)]);
                break;
            case CommonsListingKind.Search:
                parameters.AddRange([new("generator", "search"), new("gsrsearch", listing.Target + " filetype:audio"), new("gsrnamespace", "6"), new("gsrlimit", limit)]);
                break;
            default:
                parameters.AddRange([new("list", "categorymembers"), new("cmtitle", listing.Target), new("cmtype", "subcat"), new("cmlimit", "500")]);
                break;
        }
        if (listing.Kind != CommonsListingKind.Subcategories)
        {
            parameters.AddRange([new("prop", "imageinfo"), new("iiprop", "url|mime|size|extmetadata"), new("iiextmetadatafilter", Metadata), new("iiextmetadatalanguage", "en")]);
        }
        if (continuation is not null)
            parameters.AddRange(continuation);
        var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var callback = listing.Kind == CommonsListingKind.Subcategories ? nameof(ParseSubcategories) : nameof(ParseFiles);
        return new Request(new Uri(Settings.ApiUrl + "?" + query), callback)
        {
            Api = true,
            Headers = new Dictionary<string, string> { ["Accept"] = "application/json" },
        }.WithData(listing);
    }

    /// <summary>The next batch: the API's <c>continue</c> object, passed back as it came.</summary>
    private Request? Next(JsonElement root, CommonsListing listing)
    {
        if (root.Get("continue") is not { ValueKind: JsonValueKind.Object } values)
            return null;
        Context.Stats.Custom.Increment(StatPrefix + "continued");
        return Call(listing with { Lagged = 0 }, values.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ToString())));
    }

    /// <summary>
    /// The JSON of a good answer, or null: a body that is not JSON is counted as malformed; an API error is counted by
    /// its code, except maxlag, which waits the answer's Retry-After (the caller then repeats the call).
    /// </summary>
    private async ValueTask<JsonElement?> CheckAsync(Response response, CommonsListing listing, CancellationToken cancellationToken)
    {
        if (response.JsonObjectOrCounted(Context, StatPrefix, listing.Target) is not { } root)
            return null;
        if (root.Get("error") is not { } error)
            return root;
        var code = error.GetString("code") ?? "unknown";
        Context.Stats.Custom.Increment(StatPrefix + "api_error/" + code);
        if (code == "maxlag" && listing.Lagged < Settings.MaxLagRetries)
        {
            var wait = RetryAfter.Of(response, Context.Time) ?? TimeSpan.FromSeconds(Settings.MaxLag);
            wait = wait > LongestLagWait ? LongestLagWait : wait;
            Logger.LogInformation("Commons is lagged ({Info}); asking again in {Seconds:0.#} s", error.GetString("info"), wait.TotalSeconds);
            await Task.Delay(wait, Context.Time, cancellationToken).ConfigureAwait(false);
        }
        else if (code == "maxlag")
        {
            Context.Stats.Custom.Increment(StatPrefix + "maxlag_gave_up");
            Logger.LogWarning("Commons stayed lagged after {Retries} tries; gave up listing {Target}", Settings.MaxLagRetries, listing.Target);
        }
        else
        {
            Logger.LogWarning("Commons API error '{Code}' listing {Target}: {Info}", code, listing.Target, error.GetString("info"));
        }
        return null;
    }

    private Request? Retry(Response response, CommonsListing listing)
    {
        if (response.JsonOrNull()?.GetString("error", "code") != "maxlag" || listing.Lagged >= Settings.MaxLagRetries)
            return null;
        return response.Request.WithData(listing with { Lagged = listing.Lagged + 1 }) with { DontFilter = true };
    }

    private AudioPair? ToPair(JsonElement page, CommonsListing listing)
    {
        var title = page.GetString("title") ?? "";
        if (page.Get("imageinfo", "0") is not { } info || info.GetString("url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var audio))
        {
            Context.Stats.Custom.Increment(StatPrefix + "no_imageinfo");
            return null;
        }
        var mime = info.GetString("mime") ?? "";
        var width = info.Get("width") is { ValueKind: JsonValueKind.Number } w ? w.GetInt32() : 0;
        if (!(mime.StartsWith("audio/", StringComparison.Ordinal) || (mime == "application/ogg" && width == 0)))
        {
            Context.Stats.Custom.Increment(StatPrefix + "not_audio");
            return null;
        }
        string? Meta(string name) => info.GetString("extmetadata", name, "value");
        var license = Meta("LicenseShortName");
        if (string.IsNullOrWhiteSpace(license))
        {
            Context.Stats.Custom.Increment(StatPrefix + "no_license");
            return null;
        }
        var artist = HtmlText.ToPlainText(Meta("Artist")) ?? "";
        var word = LinguaLibreName.TryParse(title, artist);
        var (text, source) = word is not null ? (word.Word, "lingua_libre_word")
            : (HtmlText.ToPlainText(Meta("ImageDescription")) ?? "") is { Length: > 0 } description ? (description, "description")
            : (HtmlText.ToPlainText(Meta("ObjectName")) ?? "", "object_name");
        if (text.Length == 0)
        {
            Context.Stats.Custom.Increment(StatPrefix + "no_text");
            return null;
        }
        var pageId = page.Get("pageid") is { ValueKind: JsonValueKind.Number } id ? id.GetInt64() : 0;
        var data = new JsonObject
        {
            ["source"] = "wikimedia-commons",
            ["source_id"] = $"commons:{pageId}",
            ["title"] = title,
            ["page"] = info.GetString("descriptionurl"),
            ["license"] = license,
            ["license_url"] = Meta("LicenseUrl"),
            ["attribution_required"] = Meta("AttributionRequired") == "true",
            ["mime"] = mime,
            ["size"] = info.Get("size") is { ValueKind: JsonValueKind.Number } size ? size.GetInt64() : null,
            ["duration"] = info.Get("duration") is { ValueKind: JsonValueKind.Number } duration ? duration.GetDouble() : null,
            ["text_source"] = source,
        };
        if (artist.Length > 0)
            data["author"] = artist;
        data[listing.Kind == CommonsListingKind.Search ? "query" : "category"] = listing.Target;
        if (word is not null)
        {
            data["language"] = word.Language;
            data["language_item"] = word.LanguageItem;
            data["speaker"] = word.Speaker;
        }
        Context.Stats.Custom.Increment(StatPrefix + source);
        return new AudioPair(audio, text)
        {
            Tags = word is null ? [] : ["pronunciation", word.Language],
            OriginalData = data,
            Page = Uri.TryCreate(info.GetString("descriptionurl"), UriKind.Absolute, out var descriptionPage) ? descriptionPage : null,
        };
    }
}
