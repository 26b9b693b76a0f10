namespace Crawler.Abstractions.Politeness;

/// <summary>The rules robots.txt gives one set of user agents.</summary>
public sealed record RobotsGroup(IReadOnlyList<string> UserAgents, IReadOnlyList<RobotsRule> Rules, double? CrawlDelay);
