using Microsoft.Data.Sqlite;

namespace Crawler.Core.Storage;

/// <summary>Tells a full disk from other write failures, for messages that say what to do.</summary>
public static class WriteFailures
{
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int SqliteFull = 13;
    private const int WindowsDiskFull = 0x70;
    private const int WindowsHandleDiskFull = 0x27;

    public static bool IsDiskFull(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull,
        IOException io => (io.HResult & 0xFFFF) is Enospc or Edquot or WindowsDiskFull or WindowsHandleDiskFull,
        _ => exception.InnerException is { } inner && IsDiskFull(inner),
    };

    /// <summary>The OS message, led by "disk full" when it is one.</summary>
    public static string Describe(Exception exception) =>
        IsDiskFull(exception) ? $"disk full ({exception.Message})" : exception.Message;
}
