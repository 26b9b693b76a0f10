using System.Text.Json.Nodes;
using Crawler.Core.Configuration;
using Crawler.Core.Runs;
using Xunit;

namespace Crawler.Core.Tests.Runs;

public sealed class SpiderScheduleTests
{
    private static SpiderSchedule Schedule(string cron, string zone, double? recrawlHours = null)
    {
        var json = new JsonObject { ["cron"] = cron, ["timeZone"] = zone };
        if (recrawlHours is { } hours)
            json["recrawlAfterHours"] = hours;
        return SpiderSchedule.Parse(json, "test");
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_nightly_London_run_stays_at_three_local_across_the_spring_change_to_summer_time()
    {
        var nightly = Schedule("0 3 * * *", "Europe/London");

        var saturday = nightly.NextDue(Utc("2026-03-27T12:00:00"));
        var sunday = nightly.NextDue(saturday!.Value);

        Assert.Equal(Utc("2026-03-28T03:00:00"), saturday); // GMT
        Assert.Equal(Utc("2026-03-29T02:00:00"), sunday);   // BST: 03:00 local is 02:00 UTC, 23 hours later
    }

    [Fact]
    public void A_nightly_London_run_stays_at_three_local_across_the_autumn_change_back()
    {
        var nightly = Schedule("0 3 * * *", "Europe/London");

        var saturday = nightly.NextDue(Utc("2026-10-23T12:00:00"));
        var sunday = nightly.NextDue(saturday!.Value);

        Assert.Equal(Utc("2026-10-24T02:00:00"), saturday);
        Assert.Equal(Utc("2026-10-25T03:00:00"), sunday); // 25 hours later
    }

    [Fact]
    public void A_time_skipped_by_the_spring_change_runs_once_when_the_clocks_jump()
    {
        var newYork = Schedule("30 2 * * *", "America/New_York");

        var due = newYork.NextDue(Utc("2026-03-06T12:00:00"));
        var dueOnTheChange = newYork.NextDue(due!.Value);
        var after = newYork.NextDue(dueOnTheChange!.Value);

        Assert.Equal(Utc("2026-03-07T07:30:00"), due);            // 02:30 EST
        Assert.Equal(Utc("2026-03-08T07:00:00"), dueOnTheChange); // 02:30 does not exist: 03:00 EDT
        Assert.Equal(Utc("2026-03-09T06:30:00"), after);          // 02:30 EDT
    }

    [Fact]
    public void A_time_repeated_by_the_autumn_change_runs_once_not_twice()
    {
        var london = Schedule("30 1 * * *", "Europe/London");

        var first = london.NextDue(Utc("2026-10-24T12:00:00"));
        var next = london.NextDue(first!.Value);

        Assert.Equal(Utc("2026-10-25T00:30:00"), first); // 01:30 BST, the first of the two 01:30s
        Assert.Equal(Utc("2026-10-26T01:30:00"), next);  // not 2026-10-25T01:30Z (01:30 GMT) again
    }

    [Fact]
    public void Six_fields_are_read_with_seconds_first()
    {
        var everyTenSeconds = Schedule("*/10 * * * * *", "UTC");

        Assert.Equal(Utc("2026-01-01T00:00:10"), everyTenSeconds.NextDue(Utc("2026-01-01T00:00:03")));
    }

    [Fact]
    public void The_recrawl_age_is_read_in_hours_and_absent_means_never()
    {
        Assert.Equal(TimeSpan.FromDays(7), Schedule("0 3 * * *", "UTC", 168).RecrawlAfter);
        Assert.Null(Schedule("0 3 * * *", "UTC").RecrawlAfter);
    }

    [Theory]
    [InlineData("""{"cron": "0 61 * * *"}""", "cron")]
    [InlineData("""{"cron": "every night"}""", "invalid cron expression")]
    [InlineData("""{"cron": "0 3 * * *", "timeZone": "Mars/Base"}""", "unknown time zone 'Mars/Base'")]
    [InlineData("""{"cron": "0 3 * * *", "recrawlAfterHours": -1}""", "recrawlAfterHours")]
    [InlineData("""{"timeZone": "UTC"}""", "cron: missing")]
    [InlineData("""{"cron": "0 3 * * *", "tz": "UTC"}""", "unknown key 'tz'")]
    public void A_bad_schedule_is_refused_with_a_message_naming_the_key(string json, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => SpiderSchedule.Parse(JsonNode.Parse(json)!, "crawlers.json: spiders.x.schedule"));

        Assert.Contains("spiders.x.schedule", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_schedule_in_crawlers_json_is_checked_against_the_schema_and_parsed()
    {
        var registry = new Crawler.Core.Spiders.SpiderRegistry([typeof(Crawler.Core.Tests.Configuration.ProbeSpider).Assembly]);
        var good = CrawlerConfig.Parse("""{"spiders": {"probe": {"schedule": {"cron": "0 3 * * *", "timeZone": "Europe/London"}}}}""", "crawlers.json");
        var bad = CrawlerConfig.Parse("""{"spiders": {"probe": {"schedule": {"cron": "0 3 * * *", "timeZone": "Nowhere/Land", "every": 2}}}}""", "crawlers.json");

        var goodProblems = ConfigChecker.Check(registry, good);
        var badProblems = ConfigChecker.Check(registry, bad);

        Assert.Empty(goodProblems);
        Assert.Equal("0 3 * * *", SpiderSchedule.Of(good, "probe")!.Cron);
        Assert.Contains(badProblems, p => p.Contains("spiders.probe.schedule", StringComparison.Ordinal));
    }
}
