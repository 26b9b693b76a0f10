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
    }

    public string Path { get; }

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
