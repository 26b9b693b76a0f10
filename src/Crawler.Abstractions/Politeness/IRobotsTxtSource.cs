namespace Crawler.Abstractions.Politeness;

/// <summary>The robots.txt of a URL's host, fetched once and cached; spiders read <see cref="RobotsTxt.Sitemaps"/> from it.</summary>
public interface IRobotsTxtSource
{
    ValueTask<RobotsTxt> GetAsync(Uri url, CancellationToken cancellationToken = default);
}
