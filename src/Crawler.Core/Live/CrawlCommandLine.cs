namespace Crawler.Core.Live;

/// <summary>The arguments of the command that runs the crawl (after the program name), so a watcher can offer the next command.</summary>
public sealed record CrawlCommandLine(IReadOnlyList<string> Arguments);
