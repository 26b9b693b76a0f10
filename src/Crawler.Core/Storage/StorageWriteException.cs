using Crawler.Abstractions;

namespace Crawler.Core.Storage;

/// <summary>A file of the crawl's output or state could not be written: names the file and the cause ("the disk is full").</summary>
public sealed class StorageWriteException(string path, Exception innerException, string detail = "")
    : CrawlerException($"{path}: {WriteFailures.Describe(innerException)}{detail}", innerException)
{
    public string FilePath { get; } = path;

    public bool DiskFull { get; } = WriteFailures.IsDiskFull(innerException);
}
