using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Html;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace Crawlers.Freesound;

/// <summary>
/// Sounds of Freesound through APIv2 text search: each query (with the filter) over every page, following the
/// <c>next</c> links; <c>fields</c> limited to what a pair uses, <c>page_size</c> up to 150. The audio is the preview
/// the <c>preview</c> setting names; the key goes in <c>Authorization: Token …</c>, added at send time.
/// </summary>
[Spider("freesound", "Sounds of Freesound (APIv2 text search) with their descriptions, tags, licence and uploader; audio = a preview.")]
public sealed class FreesoundSpider : Spider<FreesoundSettings>, IEngineDefaults
{
    private const string StatPrefix = "freesound/";
    private const string Fields = "id,name,description,tags,license,username,duration,url,previews";
    private readonly RefusedKeyReport _refusedKey = new("Freesound", FreesoundSettings.ApiKeyVariable);

    public override ApiCredentials Credentials => Settings.EffectiveApiKey() is { } key
        ? new ApiCredentials { Headers = new Dictionary<string, string> { ["Authorization"] = "Token " + key } }
        : ApiCredentials.None;

    /// <summary>Freesound's standard limit is 60 requests a minute (2,000 a day): one at a time, a second apart.</summary>
    public static EngineSettings EngineDefaults(EngineSettings builtIn) => builtIn with { PerHost = 1, Delay = 1 };

    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Settings.MissingKeyProblem() is { } problem)
            throw new ConfigurationException(problem);
        foreach (var query in Settings.Queries.Select(q => q.Trim()).Distinct(StringComparer.Ordinal))
        {
            var parameters = new List<KeyValuePair<string, string>> { new("query", query) };
            if (Settings.Filter.Length > 0)
                parameters.Add(new("filter", Settings.Filter));
            parameters.AddRange([new("sort", Settings.Sort), new("fields", Fields), new("page_size", Settings.PageSize.ToString(CultureInfo.InvariantCulture))]);
            var url = Settings.SearchUrl + "?" + string.Join('&', parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
            yield return Call(new Uri(url), query);
        }
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<SpiderOutput> ParseResults(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = response.Request.GetData<string>();
        if (response.JsonObjectOrCounted(Context, StatPrefix, $"'{query}'") is not { } root)
            yield break;
        if (!response.IsSuccess)
        {
            ReportError(response, root, query);
            yield break;
        }
        foreach (var sound in root.Items("results"))
        {
            if (ToPair(sound, query) is { } pair)
                yield return pair;
        }
        if (root.GetString("next") is { Length: > 0 } next && Uri.TryCreate(response.Url, next, out var nextUrl))
        {
            // The key travels only to the API's own host.
            if (nextUrl.Authority == Settings.SearchUrl.Authority)
                yield return Call(nextUrl, query);
            else
                Context.Stats.Custom.Increment(StatPrefix + "next_elsewhere");
        }
        await Task.CompletedTask;
    }

    private static Request Call(Uri url, string query) => new Request(url, nameof(ParseResults))
    {
        Api = true,
        Headers = new Dictionary<string, string> { ["Accept"] = "application/json" },
        HandleStatuses = [400, 401, 403, 404],
    }.WithData(query);

    private void ReportError(Response response, JsonElement root, string query)
    {
        Context.Stats.Custom.Increment($"{StatPrefix}api_error/http_{response.Status}");
        var detail = root.GetString("detail");
        if (response.Status == 401)
        {
            _refusedKey.Report(Logger, detail);
            return;
        }
        Logger.LogWarning("Freesound answered {Status} for '{Query}': {Detail}", response.Status, query, detail);
    }

    private AudioPair? ToPair(JsonElement sound, string query)
    {
        var id = sound.Get("id") is { ValueKind: JsonValueKind.Number } number ? number.GetInt64() : (long?)null;
        if (id is null || sound.GetString("previews", Settings.Preview) is not { } preview || !Uri.TryCreate(preview, UriKind.Absolute, out var audio))
        {
            Context.Stats.Custom.Increment(StatPrefix + "no_preview");
            return null;
        }
        if (!Uri.TryCreate(sound.GetString("license"), UriKind.Absolute, out var license))
        {
            Context.Stats.Custom.Increment(StatPrefix + "no_license");
            return null;
        }
        var name = sound.GetString("name") ?? "";
        var description = HtmlText.ToPlainText(sound.GetString("description")) ?? "";
        var useDescription = Settings.Text == FreesoundSettings.DescriptionText && description.Length > 0;
        var text = useDescription ? description : name;
        if (text.Trim().Length == 0)
        {
            Context.Stats.Custom.Increment(StatPrefix + "no_text");
            return null;
        }
        var tags = sound.Items("tags").Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToArray();
        var username = sound.GetString("username");
        var data = new JsonObject
        {
            ["source"] = "freesound",
            ["source_id"] = $"freesound:{id}",
            ["name"] = name,
            ["license"] = license.AbsoluteUri,
            ["license_name"] = CreativeCommons.ShortName(license),
            ["author"] = username,
            ["username"] = username,
            ["duration"] = sound.Get("duration") is { ValueKind: JsonValueKind.Number } duration ? duration.GetDouble() : null,
            ["preview"] = Settings.Preview,
            ["text_source"] = useDescription ? FreesoundSettings.DescriptionText : FreesoundSettings.NameText,
            ["query"] = query,
        };
        var page = Uri.TryCreate(sound.GetString("url"), UriKind.Absolute, out var soundPage) ? soundPage : null;
        data["page"] = page?.AbsoluteUri;
        Context.Stats.Custom.Increment(StatPrefix + "sounds");
        return new AudioPair(audio, text) { Tags = tags, OriginalData = data, Page = page };
    }
}
