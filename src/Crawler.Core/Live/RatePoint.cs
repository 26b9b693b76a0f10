namespace Crawler.Core.Live;

/// <summary>The crawl's cumulative counters at <see cref="Seconds"/> after its start; rates are differences of two points.</summary>
public sealed record RatePoint(double Seconds, long Requests, long Responses, long Items, long Errors);
