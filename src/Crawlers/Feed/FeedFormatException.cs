using Crawler.Abstractions;

namespace Crawlers.Feed;

/// <summary>A feed that is not well-formed RSS or Atom (or that declares a DTD, which is refused).</summary>
public sealed class FeedFormatException(string message, Exception? innerException = null) : CrawlerException(message, innerException);
