namespace Crawler.Abstractions.Http;

/// <summary>How far a browser page loads before it is read.</summary>
public enum PageLoadState
{
    /// <summary>The HTML is parsed (DOMContentLoaded).</summary>
    DomContentLoaded,

    /// <summary>The page and its subresources finished loading (the load event).</summary>
    Load,

    /// <summary>No network traffic for 500 ms after the load event.</summary>
    NetworkIdle,
}
