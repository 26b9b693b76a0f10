using Crawler.Abstractions;

namespace Delivery;

/// <summary>A delivery that cannot go on: the store refused us, or what is there is not what we sent.</summary>
public sealed class DeliveryException(string message, Exception? innerException = null) : CrawlerException(message, innerException);
