using AudioCrawl.Testing;

namespace AudioCrawl.FaultSuite.Scenarios;

/// <summary>A small tmpfs mounted on a folder (needs root), filled on demand, unmounted on dispose.</summary>
public sealed class TmpfsMount : IAsyncDisposable
{
    private readonly string _filler;

    private TmpfsMount(string folder)
    {
        Folder = folder;
        _filler = Path.Combine(folder, ".filler");
    }

    public string Folder { get; }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MiB on <paramref name="folder"/>; null with the reason when this machine cannot.</summary>
    public static async Task<(TmpfsMount? Mount, string? Reason)> TryMountAsync(string folder, int megabytes)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            return (null, "mounting a tmpfs needs root on Linux");
        Directory.CreateDirectory(folder);
        try
        {
            await ExternalTool.RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", folder).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            return (null, $"mount -t tmpfs failed: {ex.Message.Trim()}");
        }
        return (new TmpfsMount(folder), null);
    }

    /// <summary>Writes a filler file until the file system refuses (ENOSPC); returns the bytes written.</summary>
    public async Task<long> FillAsync(CancellationToken cancellationToken)
    {
        var block = new byte[256 * 1024];
        long written = 0;
        await using var filler = new FileStream(_filler, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
        while (true)
        {
            var size = block.Length;
            while (size > 0)
            {
                try
                {
                    await filler.WriteAsync(block.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
                    written += size;
                    break;
                }
                catch (IOException)
                {
                    size /= 2;
                }
            }
            if (size == 0)
                return written;
        }
    }

    public long FreeBytes => new DriveInfo(Folder).AvailableFreeSpace;

    public void Free() => File.Delete(_filler);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExternalTool.RunAsync("umount", Folder).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            await ExternalTool.RunAsync("umount", "-l", Folder).ConfigureAwait(false);
        }
    }
}
