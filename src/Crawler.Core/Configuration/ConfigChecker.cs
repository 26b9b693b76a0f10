using Crawler.Core.Engine;
using Crawler.Core.Pipeline;
using Crawler.Core.Runs;
using Crawler.Core.Spiders;
using Json.Schema;

namespace Crawler.Core.Configuration;

/// <summary>
/// What <c>audiocrawl check</c> does: validates crawlers.json against the generated schema, then binds every
/// spider entry's settings as a crawl would. Returns the problems, each naming where it is.
/// </summary>
public static class ConfigChecker
{
    public static IReadOnlyList<string> Check(SpiderRegistry registry, CrawlerConfig config, SinkRegistry? sinks = null)
    {
        var problems = new List<string>();
        var schema = JsonSchema.FromText(ConfigSchema.Generate(registry, sinks).ToJsonString());
        var result = schema.Evaluate(config.Root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            foreach (var detail in result.Details.Where(d => d.Errors is { Count: > 0 }))
            {
                foreach (var (_, message) in detail.Errors!)
                    problems.Add($"{config.Source}: at {Location(detail.InstanceLocation.ToString())}: {message}");
            }
        }
        if (sinks is not null)
        {
            try
            {
                SinkEntry.ReadAll(config, sinks);
            }
            catch (ConfigurationException ex)
            {
                problems.Add(ex.Message);
            }
        }
        var planner = new CrawlPlanner(registry, config);
        foreach (var name in config.Spiders.Keys)
        {
            try
            {
                planner.Plan(name, []);
                SpiderSchedule.Of(config, name);
            }
            catch (ConfigurationException ex)
            {
                problems.Add(ex.Message);
            }
        }
        return problems.Distinct().ToArray();
    }

    private static string Location(string pointer) =>
        pointer.Length == 0 ? "the top" : pointer.TrimStart('/').Replace('/', '.');
}
