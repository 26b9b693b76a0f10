namespace Crawler.Abstractions.Http;

/// <summary>
/// When a page fetched by the browser is ready to be read: after <see cref="Until"/>, and then once an element
/// matching <see cref="Selector"/> is in the DOM; <see cref="Timeout"/> bounds both (seconds).
/// Unset members fall back to the engine's browser settings.
/// </summary>
public sealed record BrowserWait
{
    public PageLoadState? Until { get; init; }

    /// <summary>A CSS selector that must match before the page is read.</summary>
    public string? Selector { get; init; }

    /// <summary>Seconds the page may take to reach the wait condition.</summary>
    public double? Timeout { get; init; }
}
