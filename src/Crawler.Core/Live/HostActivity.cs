namespace Crawler.Core.Live;

/// <summary>One host's responses and errors so far, for the live view's busiest hosts.</summary>
public sealed record HostActivity(string Host, long Responses, long Errors);
