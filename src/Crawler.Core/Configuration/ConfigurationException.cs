using Crawler.Abstractions;

namespace Crawler.Core.Configuration;

/// <summary>crawlers.json or the command line asks for something that cannot run; raised before any request is sent.</summary>
public sealed class ConfigurationException : CrawlerException
{
    public ConfigurationException(string message) : base(message) { }
    public ConfigurationException(string message, Exception? innerException) : base(message, innerException) { }
}
