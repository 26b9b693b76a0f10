using System.Globalization;
using System.Text.Json.Nodes;
using Crawler.Core.Configuration;
using Cronos;

namespace Crawler.Core.Runs;

/// <summary>
/// When a spider runs on its own (the "schedule" of its crawlers.json entry) and which pages a run fetches again:
/// a cron expression (5 fields, or 6 with seconds first) read in a time zone, and the re-crawl age.
/// </summary>
public sealed record SpiderSchedule(string Cron, TimeZoneInfo TimeZone, TimeSpan? RecrawlAfter)
{
    public const string Key = "schedule";

    private CronExpression Expression { get; } = ParseCron(Cron, Key);

    /// <summary>The first due time strictly after <paramref name="after"/>, or null when the expression never fires again.</summary>
    public DateTimeOffset? NextDue(DateTimeOffset after) =>
        Expression.GetNextOccurrence(after.ToUniversalTime(), TimeZone);

    /// <summary>The schedule of spider <paramref name="name"/>, or null when its entry has none.</summary>
    public static SpiderSchedule? Of(CrawlerConfig config, string name)
    {
        var node = config.Root["spiders"]?[name]?[Key];
        return node is null ? null : Parse(node, $"{config.Source}: spiders.{name}.{Key}");
    }

    /// <summary>Reads <c>{"cron": "...", "timeZone": "Europe/London", "recrawlAfterHours": 168}</c>.</summary>
    public static SpiderSchedule Parse(JsonNode node, string where)
    {
        if (node is not JsonObject schedule)
            throw new ConfigurationException($"{where}: expected an object such as {{\"cron\": \"0 3 * * *\", \"timeZone\": \"Europe/London\"}}.");
        foreach (var (key, _) in schedule)
        {
            if (key is not ("cron" or "timeZone" or "recrawlAfterHours" or "$comment"))
                throw new ConfigurationException($"{where}: unknown key '{key}'; expected \"cron\", \"timeZone\" or \"recrawlAfterHours\".");
        }
        if (schedule["cron"] is not JsonValue cronValue || !cronValue.TryGetValue<string>(out var cron) || string.IsNullOrWhiteSpace(cron))
            throw new ConfigurationException($"{where}.cron: missing; expected a cron expression such as \"0 3 * * *\" (minute hour day month weekday).");
        ParseCron(cron, where + ".cron");

        var zone = TimeZoneInfo.Utc;
        if (schedule["timeZone"] is { } zoneNode)
        {
            if (zoneNode is not JsonValue zoneValue || !zoneValue.TryGetValue<string>(out var zoneId))
                throw new ConfigurationException($"{where}.timeZone: expected a time zone name such as \"Europe/London\" or \"UTC\".");
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw new ConfigurationException($"{where}.timeZone: unknown time zone '{zoneId}'; use an IANA name such as \"Europe/London\" or \"America/New_York\".", ex);
            }
        }

        TimeSpan? recrawl = null;
        if (schedule["recrawlAfterHours"] is { } recrawlNode)
        {
            if (recrawlNode is not JsonValue recrawlValue || !recrawlValue.TryGetValue<double>(out var hours) || hours < 0 || double.IsNaN(hours) || double.IsInfinity(hours))
                throw new ConfigurationException($"{where}.recrawlAfterHours: expected a number of hours >= 0 (leave it out to never fetch a page again).");
            recrawl = TimeSpan.FromHours(hours);
        }
        return new SpiderSchedule(cron.Trim(), zone, recrawl);
    }

    /// <summary>The JSON Schema of the "schedule" key, for <see cref="ConfigSchema"/>.</summary>
    public static JsonObject JsonSchema() => new()
    {
        ["type"] = "object",
        ["description"] = "Run this spider on its own with 'audiocrawl schedule'. Each run writes only new pairs to state/<spider>/pairs-YYYYMMDD-HHMMSS.csv.",
        ["properties"] = new JsonObject
        {
            ["cron"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "Cron expression: 'minute hour day month weekday', or with seconds first (6 fields). Example: \"0 3 * * *\" every night at 03:00.",
                ["pattern"] = @"^\s*\S+(\s+\S+){4,5}\s*$",
            },
            ["timeZone"] = new JsonObject { ["type"] = "string", ["description"] = "IANA time zone the cron expression is read in (default UTC).", ["default"] = "UTC" },
            ["recrawlAfterHours"] = new JsonObject
            {
                ["type"] = "number",
                ["minimum"] = 0,
                ["description"] = "Fetch a page again when its last fetch is older than this; leave out to never fetch a page again. Start pages are always fetched.",
            },
            ["$comment"] = new JsonObject { ["type"] = "string" },
        },
        ["required"] = new JsonArray("cron"),
        ["additionalProperties"] = false,
    };

    private static CronExpression ParseCron(string cron, string where)
    {
        var text = cron.Trim();
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        try
        {
            return CronExpression.Parse(text, format);
        }
        catch (CronFormatException ex)
        {
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"{where}: invalid cron expression '{cron}' ({ex.Message}); expected 5 fields (minute hour day month weekday) or 6 with seconds first."), ex);
        }
    }
}
