namespace Crawlers.Declarative;

/// <summary>What a declarative request carries: the follow rule that reached the page (null for a start page).</summary>
internal sealed record PageRule(string? Rule);
