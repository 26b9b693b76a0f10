using System.Diagnostics;

namespace AudioCrawl.Testing;

/// <summary>
/// A small tmpfs mounted for a test: a real full disk, with the kernel's own ENOSPC. Mounting needs root (CI runs
/// as root); on a machine that cannot mount, set <c>AUDIOCRAWL_NO_MOUNT=1</c> and the full-disk tests stand down;
/// without it a failed mount fails the test with the reason.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    public const string NoMountVariable = "AUDIOCRAWL_NO_MOUNT";

    private TmpfsMount(string path)
    {
        Path = path;
        _filler = System.IO.Path.Combine(path, ".filler");
    }

    private readonly string _filler;

    public string Path { get; }

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>True when the machine said it cannot mount (<c>AUDIOCRAWL_NO_MOUNT=1</c>).</summary>
    public static bool Unavailable => Environment.GetEnvironmentVariable(NoMountVariable) == "1";

    public static TmpfsMount Mount(string path, int kilobytes)
    {
        Directory.CreateDirectory(path);
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", path);
        if (code != 0)
            throw new InvalidOperationException($"cannot mount a {kilobytes} KB tmpfs on {path} (mount exited with {code}: {error.Trim()}). The full-disk tests need root; on a machine that cannot mount, set {NoMountVariable}=1.");
        return new TmpfsMount(path);
    }

    /// <summary>Gives the mounted file system another size, keeping its files ("the disk was freed").</summary>
    public void Resize(int kilobytes)
    {
        var (code, error) = Run("mount", "-o", $"remount,size={kilobytes}k", Path);
        if (code != 0)
            throw new InvalidOperationException($"cannot resize the tmpfs on {Path}: {error.Trim()}");
    }

    /// <summary>
    /// Writes a filler file until only <paramref name="leaveFree"/> bytes are free (0: until the file system refuses
    /// with ENOSPC); returns the bytes written.
    /// </summary>
    public async Task<long> FillAsync(long leaveFree = 0, CancellationToken cancellationToken = default)
    {
        var block = new byte[256 * 1024];
        long written = 0;
        await using var filler = new FileStream(_filler, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
        if (leaveFree > 0)
        {
            for (var left = FreeBytes - leaveFree; left > 0; left -= block.Length)
            {
                var size = (int)Math.Min(block.Length, left);
                await filler.WriteAsync(block.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
                written += size;
            }
            return written;
        }
        for (var size = block.Length; size > 0;)
        {
            try
            {
                await filler.WriteAsync(block.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
                written += size;
            }
            catch (IOException)
            {
                size /= 2;
            }
        }
        return written;
    }

    /// <summary>Deletes the filler: the disk is free again.</summary>
    public void Free() => File.Delete(_filler);

    public void Dispose() => Run("umount", "-l", Path);

    private static (int Code, string Error) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
