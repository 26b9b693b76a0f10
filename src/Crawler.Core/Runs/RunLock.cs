namespace Crawler.Core.Runs;

/// <summary>
/// One run of a spider at a time, across processes: the lock file is held open with FileShare.None, which .NET
/// turns into an exclusive flock on Unix. The kernel drops it when the holder dies (kill -9 included), so a crash
/// never leaves a stale lock behind.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string FileName = "run.lock";

    private readonly FileStream _stream;

    private RunLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>The lock of the spider state directory <paramref name="directory"/>, or null when another run holds it.</summary>
    public static RunLock? TryAcquire(string directory)
    {
        Directory.CreateDirectory(directory);
        FileStream stream;
        try
        {
            stream = new FileStream(Path.Combine(directory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
        stream.SetLength(0);
        var owner = System.Text.Encoding.UTF8.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        stream.Write(owner);
        stream.Flush();
        return new RunLock(stream);
    }

    /// <summary>Whether a run holds the lock of <paramref name="directory"/> right now.</summary>
    public static bool IsHeld(string directory)
    {
        if (!File.Exists(Path.Combine(directory, FileName)))
            return false;
        using var probe = TryAcquire(directory);
        return probe is null;
    }

    public void Dispose() => _stream.Dispose();
}
