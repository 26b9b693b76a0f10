using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace Crawlers.XenoCanto;

/// <summary>
/// Recordings of xeno-canto (API v3, <c>/api/3/recordings?query=…&amp;page=N</c>) for tag queries, every page of
/// each; text from the English name, the scientific name and the sound type. The key travels as <c>key=</c>, the
/// only way v3 takes it, added by the engine at send time (<see cref="Credentials"/>) so no logged URL holds it.
/// </summary>
[Spider("xenocanto", "Bird and wildlife sound recordings of xeno-canto (API v3) for tag queries; text = English and scientific name and sound type.")]
public sealed class XenoCantoSpider : Spider<XenoCantoSettings>, IEngineDefaults
{
    private const string StatPrefix = "xenocanto/";
    private readonly RefusedKeyReport _refusedKey = new("xeno-canto", XenoCantoSettings.ApiKeyVariable);

    public override ApiCredentials Credentials => Settings.EffectiveApiKey() is { } key
        ? new ApiCredentials { Query = new Dictionary<string, string> { ["key"] = key } }
        : ApiCredentials.None;

    /// <summary>xeno-canto asks API users to keep to about one request a second.</summary>
    public static EngineSettings EngineDefaults(EngineSettings builtIn) => builtIn with { PerHost = 1, Delay = 1 };

    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Settings.MissingKeyProblem() is { } problem)
            throw new ConfigurationException(problem);
        foreach (var query in Settings.Queries.Where(q => !string.IsNullOrWhiteSpace(q)))
            yield return Page(query.Trim(), 1);
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<SpiderOutput> ParseRecordings(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = response.Request.GetData<string>();
        if (response.JsonObjectOrCounted(Context, StatPrefix, $"'{query}'") is not { } root)
            yield break;
        if (!response.IsSuccess || root.GetString("error") is not null)
        {
            ReportError(response, root, query);
            yield break;
        }
        foreach (var recording in root.Items("recordings"))
        {
            if (ToPair(recording, response, query) is { } pair)
                yield return pair;
        }
        var page = Number(root.Get("page")) ?? 1;
        var pages = Number(root.Get("numPages")) ?? 1;
        if (page < pages)
            yield return Page(query, page + 1);
        await Task.CompletedTask;
    }

    private Request Page(string query, int page)
    {
        var url = $"{Settings.ApiUrl}?query={Uri.EscapeDataString(query)}&per_page={Settings.PerPage}&page={page}";
        return new Request(new Uri(url), nameof(ParseRecordings))
        {
            Api = true,
            Headers = new Dictionary<string, string> { ["Accept"] = "application/json" },
            HandleStatuses = [400, 401, 403, 404],
        }.WithData(query);
    }

    private void ReportError(Response response, JsonElement root, string query)
    {
        var error = root.GetString("error") ?? $"http_{response.Status}";
        Context.Stats.Custom.Increment(StatPrefix + "api_error/" + error);
        if (response.Status == 401)
        {
            _refusedKey.Report(Logger, $"{error}: {root.GetString("message")}");
            return;
        }
        Logger.LogWarning("xeno-canto answered {Status} {Error} for '{Query}': {Message}", response.Status, error, query, root.GetString("message"));
    }

    private AudioPair? ToPair(JsonElement recording, Response response, string query)
    {
        string? Field(string name) => recording.Get(name) is { } value && value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;
        var id = Field("id");
        if (id is null || !Uri.TryCreate(response.Url, Field("file"), out var audio) || Field("file") is not { Length: > 0 })
        {
            Context.Stats.Custom.Increment(StatPrefix + "no_file");
            return null;
        }
        var licenseUrl = Uri.TryCreate(response.Url, Field("lic"), out var lic) && Field("lic") is { Length: > 0 } ? lic : null;
        if (licenseUrl is null)
        {
            Context.Stats.Custom.Increment(StatPrefix + "no_license");
            return null;
        }
        var scientific = string.Join(' ', new[] { Field("gen"), Field("sp") }.Where(s => !string.IsNullOrEmpty(s)));
        var text = TemplateText.Fill(Settings.TextTemplate, name => name == "scientific" ? scientific : Field(name));
        if (text.Length == 0)
        {
            Context.Stats.Custom.Increment(StatPrefix + "no_text");
            return null;
        }
        var data = new JsonObject
        {
            ["source"] = "xeno-canto",
            ["source_id"] = $"xc:{id}",
            ["license"] = licenseUrl.AbsoluteUri,
            ["license_name"] = CreativeCommons.ShortName(licenseUrl),
            ["author"] = Field("rec"),
            ["recordist"] = Field("rec"),
            ["attribution"] = $"{Field("rec")}, XC{id}. Accessible at www.xeno-canto.org/{id}",
            ["quality"] = Field("q"),
            ["length"] = Field("length"),
            ["english_name"] = Field("en"),
            ["scientific_name"] = scientific,
            ["subspecies"] = Field("ssp"),
            ["group"] = Field("grp"),
            ["sound_type"] = Field("type"),
            ["country"] = Field("cnt"),
            ["locality"] = Field("loc"),
            ["date"] = Field("date"),
            ["query"] = query,
        };
        var page = Uri.TryCreate(response.Url, Field("url"), out var recordingPage) ? recordingPage : null;
        data["page"] = page?.AbsoluteUri;
        Context.Stats.Custom.Increment(StatPrefix + "recordings");
        return new AudioPair(audio, text)
        {
            Tags = new[] { Field("grp"), Field("type") }.Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToArray(),
            OriginalData = data,
            Page = page,
        };
    }

    private static int? Number(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var i) => i,
        { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };
}
