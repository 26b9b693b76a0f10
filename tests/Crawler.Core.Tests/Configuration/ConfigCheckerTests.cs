using Crawler.Core.Configuration;
using Crawler.Core.Spiders;
using Xunit;

namespace Crawler.Core.Tests.Configuration;

public sealed class ConfigCheckerTests
{
    private static readonly SpiderRegistry Registry = new([typeof(ProbeSpider).Assembly]);

    [Fact]
    public void A_valid_configuration_has_no_problems()
    {
        var config = CrawlerConfig.Parse("""{ "$schema": "./crawlers.schema.json", "engine": { "delay": 0 }, "spiders": { "probe": { "pages": 3, "words": ["a"] }, "other": { "type": "probe" } } }""", "c.json");
        Assert.Empty(ConfigChecker.Check(Registry, config));
    }

    [Fact]
    public void Reports_schema_violations_with_their_location_and_binding_problems()
    {
        var config = CrawlerConfig.Parse("""{ "engine": { "perHost": "two" }, "spiders": { "probe": { "pages": 1.5 }, "x": { "type": "nothing" } } }""", "c.json");
        var problems = ConfigChecker.Check(Registry, config);
        Assert.Contains(problems, p => p.Contains("at engine.perHost", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("at spiders.probe.pages", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown spider type 'nothing'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_generated_schema_documents_defaults_and_descriptions()
    {
        var schema = ConfigSchema.Generate(Registry);
        var concurrency = schema["properties"]!["engine"]!["properties"]!["concurrency"]!;
        Assert.Equal(16, concurrency["default"]!.GetValue<int>());
        Assert.Contains("across all hosts", concurrency["description"]!.GetValue<string>());
        var probe = schema["properties"]!["spiders"]!["properties"]!["probe"]!;
        Assert.Equal(5, probe["properties"]!["pages"]!["default"]!.GetValue<int>());
        Assert.False(probe["additionalProperties"]!.GetValue<bool>());
    }
}
