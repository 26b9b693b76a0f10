using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Spiders;
using Crawlers.CambridgeDictionary;
using Xunit;

namespace Crawlers.Tests.CambridgeDictionary;

public sealed class CambridgeSettingsTests
{
    private static CrawlPlan Plan(params (string Key, string Value)[] settings) =>
        new CrawlPlanner(new SpiderRegistry([typeof(CambridgeSpider).Assembly]), CrawlerConfig.Empty)
            .Plan("cambridge", settings.Select(s => new KeyValuePair<string, string>(s.Key, s.Value)));

    [Fact]
    public void Defaults_point_at_the_real_site_and_are_polite()
    {
        var plan = Plan();
        var settings = ((CambridgeSpider)plan.Spider).Settings;

        Assert.Equal("https://dictionary.cambridge.org/", settings.BaseUrl.AbsoluteUri);
        Assert.Equal(("english", CambridgeAudioFormat.Mp3, "{word}"), (settings.Dictionary, settings.AudioFormat, settings.TextTemplate));
        Assert.Equal((2, 1.0, true), (plan.Engine.PerHost, plan.Engine.Delay, plan.Engine.ObeyRobotsTxt.AppliesToPages));
    }

    [Fact]
    public void Politeness_defaults_yield_to_the_command_line()
    {
        var plan = Plan(("perHost", "1"), ("delay", "3"));

        Assert.Equal((1, 3.0), (plan.Engine.PerHost, plan.Engine.Delay));
    }

    [Fact]
    public void Words_on_the_command_line_are_comma_separated()
    {
        var settings = ((CambridgeSpider)Plan(("words", "ice cream, café ,work")).Spider).Settings;

        Assert.Equal(["ice cream", "café", "work"], settings.Words);
    }

    [Theory]
    [InlineData("audioFormat", "flac", "--set audioFormat")]
    [InlineData("textTemplate", "The person is speaking", "textTemplate must contain {word}")]
    [InlineData("wordsFile", "/no/such/words.txt", "wordsFile: no such file")]
    [InlineData("dictionary", "english/extra", "dictionary must be one URL path segment")]
    [InlineData("baseUrl", "ftp://example.org/", "not an absolute http or https URL")]
    public void Bad_settings_fail_before_any_request_naming_the_setting(string key, string value, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => Plan((key, value)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("words", "", "discovery=words needs words or wordsFile")]
    [InlineData("sitemap", "work", "discovery=sitemap crawls the whole dictionary")]
    [InlineData("browse", "work", "discovery=browse crawls the whole dictionary")]
    public void A_discovery_that_contradicts_the_word_list_is_refused(string discovery, string words, string message)
    {
        (string, string)[] settings = words.Length == 0 ? [("discovery", discovery)] : [("discovery", discovery), ("words", words)];

        var error = Assert.Throws<ConfigurationException>(() => Plan(settings));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discovery_defaults_to_auto()
    {
        var settings = ((CambridgeSpider)Plan().Spider).Settings;

        Assert.Equal(CambridgeDiscovery.Auto, settings.Discovery);
    }
}
