using Crawler.Abstractions.Politeness;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Xunit;

namespace Crawler.Core.Tests.Configuration;

public sealed class SettingsBinderTests
{
    private static readonly SpiderRegistry Registry = new([typeof(ProbeSpider).Assembly]);

    private static CrawlPlan Plan(string json, params (string Key, string Value)[] overrides) =>
        new CrawlPlanner(Registry, CrawlerConfig.Parse(json, "crawlers.json")).Plan("probe", overrides.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)));

    private static ConfigurationException Problem(string json, params (string, string)[] overrides) =>
        Assert.Throws<ConfigurationException>(() => Plan(json, overrides));

    [Fact]
    public void Layers_defaults_spider_defaults_engine_section_spider_entry_and_command_line_in_that_order()
    {
        var builtIn = Plan("{}");
        Assert.Equal(3, builtIn.Engine.PerHost);
        Assert.Equal(2, builtIn.Engine.Delay);
        Assert.Equal(16, builtIn.Engine.Concurrency);

        var layered = Plan(
            """{ "engine": { "perHost": 4, "delay": 1, "concurrency": 8 }, "spiders": { "probe": { "delay": 0.25, "pages": 7 } } }""",
            ("delay", "0"), ("pages", "9"));
        Assert.Equal(4, layered.Engine.PerHost);
        Assert.Equal(8, layered.Engine.Concurrency);
        Assert.Equal(0, layered.Engine.Delay);
        Assert.Equal(9, ((ProbeSpider)layered.Spider).Settings.Pages);
    }

    [Fact]
    public void Binds_lists_enums_and_urls_from_the_command_line()
    {
        var plan = Plan("{}", ("words", "hello, good morning ,naïve"), ("mode", "thorough"), ("baseUrl", "http://127.0.0.1:9/"));
        var settings = ((ProbeSpider)plan.Spider).Settings;
        Assert.Equal(["hello", "good morning", "naïve"], settings.Words);
        Assert.Equal(ProbeMode.Thorough, settings.Mode);
        Assert.Equal(new Uri("http://127.0.0.1:9/"), settings.BaseUrl);
    }

    [Fact]
    public void An_unknown_setting_names_where_it_came_from_and_what_exists()
    {
        var fromFile = Problem("""{ "spiders": { "probe": { "pagez": 3 } } }""");
        Assert.Contains("crawlers.json, spiders.probe.pagez: unknown setting 'pagez'", fromFile.Message);
        Assert.Contains("Its settings: baseUrl, mode, pages, words", fromFile.Message);

        var fromEngine = Problem("""{ "engine": { "conccurency": 3 } }""");
        Assert.Contains("crawlers.json, engine.conccurency: unknown engine setting", fromEngine.Message);

        Assert.Contains("--set nope: unknown setting 'nope'", Problem("{}", ("nope", "1")).Message);
    }

    [Fact]
    public void An_ill_typed_setting_says_what_was_expected()
    {
        Assert.Contains("--set pages: expected a whole number, got 'many'", Problem("{}", ("pages", "many")).Message);
        Assert.Contains("crawlers.json, spiders.probe.pages: expected a whole number, got \"3\"", Problem("""{ "spiders": { "probe": { "pages": "3" } } }""").Message);
        Assert.Contains("expected one of fast, thorough", Problem("""{ "spiders": { "probe": { "mode": 3 } } }""").Message);
        Assert.Contains("--set delay: expected a number, got 'soon'", Problem("{}", ("delay", "soon")).Message);
    }

    [Fact]
    public void An_invalid_url_or_value_is_rejected_before_anything_runs()
    {
        Assert.Contains("'ftp://files.test/' is not an absolute http or https URL", Problem("{}", ("baseUrl", "ftp://files.test/")).Message);
        Assert.Contains("is not an absolute http or https URL", Problem("""{ "spiders": { "probe": { "baseUrl": "/relative" } } }""").Message);
        Assert.Contains("--set pages: pages must be at most 100", Problem("{}", ("pages", "500")).Message);
        Assert.Contains("--set concurrency: concurrency must be at least 1", Problem("{}", ("concurrency", "0")).Message);
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        var error = Problem("""{ "spiders": { "probe": { "pagez": 3, "pages": "x" } } }""", ("delay", "-1"));
        Assert.Contains("pagez", error.Message);
        Assert.Contains("pages: expected a whole number", error.Message);
        Assert.Contains("delay must be 0 or more", error.Message);
    }

    [Fact]
    public void An_unknown_spider_lists_the_known_ones_and_an_entry_may_name_its_type()
    {
        var planner = new CrawlPlanner(Registry, CrawlerConfig.Parse("""{ "spiders": { "probe-fast": { "type": "probe", "pages": 2 }, "broken": { "type": "missing" } } }""", "crawlers.json"));
        var unknown = Assert.Throws<ConfigurationException>(() => planner.Plan("nope", []));
        Assert.Equal("Unknown spider 'nope'. Known spiders: api-calls, broken, captioned-links, contracts, instance-defaults, links, mistyped, probe, probe-fast, word-sitemaps.", unknown.Message);
        Assert.Contains("unknown spider type 'missing'", Assert.Throws<ConfigurationException>(() => planner.Plan("broken", [])).Message);

        var plan = planner.Plan("probe-fast", []);
        Assert.Equal("probe-fast", plan.Name);
        Assert.Equal(2, ((ProbeSpider)plan.Spider).Settings.Pages);
    }

    [Theory]
    [InlineData("true", true, false)]
    [InlineData("false", false, false)]
    [InlineData("strict", true, true)]
    [InlineData("Strict", true, true)]
    public void ObeyRobotsTxt_takes_true_false_or_strict_on_the_command_line(string value, bool pages, bool apiCalls)
    {
        var policy = Plan("{}", ("obeyRobotsTxt", value)).Engine.ObeyRobotsTxt;

        Assert.Equal((pages, apiCalls), (policy.AppliesToPages, policy.AppliesToApiCalls));
    }

    [Fact]
    public void ObeyRobotsTxt_takes_json_booleans_and_the_string_strict_in_crawlers_json()
    {
        Assert.Equal(RobotsTxtPolicy.Off, Plan("""{ "engine": { "obeyRobotsTxt": false } }""").Engine.ObeyRobotsTxt);
        Assert.Equal(RobotsTxtPolicy.Strict, Plan("""{ "spiders": { "probe": { "obeyRobotsTxt": "strict" } } }""").Engine.ObeyRobotsTxt);
        Assert.Equal(RobotsTxtPolicy.Pages, Plan("{}").Engine.ObeyRobotsTxt);
    }

    [Fact]
    public void An_unknown_obeyRobotsTxt_value_says_what_it_takes()
    {
        Assert.Contains("--set obeyRobotsTxt: expected true, false or \"strict\", got 'sometimes'", Problem("{}", ("obeyRobotsTxt", "sometimes")).Message);
        Assert.Contains("crawlers.json, engine.obeyRobotsTxt: expected true, false or \"strict\"", Problem("""{ "engine": { "obeyRobotsTxt": "lax" } }""").Message);
    }
}
