using Crawler.Abstractions;

namespace Crawler.Browser;

/// <summary>The browser could not be started (missing executable, crash at launch, driver failure).</summary>
public sealed class BrowserUnavailableException(string message, Exception? innerException = null) : CrawlerException(message, innerException);
