using Crawler.Core.Configuration;
using Xunit;

namespace Crawler.Core.Tests.Configuration;

public sealed class CrawlerConfigTests
{
    [Fact]
    public void Malformed_json_names_the_file_line_and_position()
    {
        var error = Assert.Throws<ConfigurationException>(() => CrawlerConfig.Parse("{\n  \"engine\": {\n    \"delay\" 1\n  }\n}", "crawlers.json"));
        Assert.StartsWith("crawlers.json:3:13: invalid JSON:", error.Message);
        Assert.Contains("Expected a ':'", error.Message);
    }

    [Fact]
    public void Accepts_comments_and_trailing_commas()
    {
        var config = CrawlerConfig.Parse("{ // engine\n \"engine\": { \"delay\": 0, }, \"spiders\": { \"a\": { \"type\": \"sounds\", \"baseUrl\": \"http://x.test/\" }, }, }", "c.json");
        Assert.Equal("sounds", config.Spiders["a"].Type);
        Assert.False(config.Spiders["a"].Settings.ContainsKey("type"));
        Assert.Equal("http://x.test/", config.Spiders["a"].Settings["baseUrl"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("[]", "expected a JSON object at the top")]
    [InlineData("{\"spidres\": {}}", "unknown top-level key 'spidres'")]
    [InlineData("{\"spiders\": []}", "\"spiders\" must be an object")]
    [InlineData("{\"spiders\": {\"a\": 3}}", "spiders.a: expected an object of settings")]
    public void Rejects_the_wrong_shape_with_a_plain_message(string json, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => CrawlerConfig.Parse(json, "c.json"));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_missing_default_file_is_the_empty_configuration_but_a_missing_given_file_is_an_error()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json");
        Assert.Empty(CrawlerConfig.Load(path, pathWasGiven: false).Spiders);
        var error = Assert.Throws<ConfigurationException>(() => CrawlerConfig.Load(path, pathWasGiven: true));
        Assert.Contains("no such configuration file", error.Message);
    }
}
