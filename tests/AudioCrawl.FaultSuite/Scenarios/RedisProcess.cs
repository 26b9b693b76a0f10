using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AudioCrawl.Testing;

namespace AudioCrawl.FaultSuite.Scenarios;

/// <summary>
/// A redis-server child process on a loopback port with an append-only file fsynced on every write, so a restart
/// (graceful or a crash) comes back with every acknowledged write, as docs/distributed.md asks production to run it.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RedisProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}";

    /// <summary>Starts redis-server with its data in <paramref name="folder"/>; null when redis-server is not installed.</summary>
    public static async Task<RedisProcess?> StartAsync(int port, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--protected-mode", "no",
                     "--dir", folder, "--save", "", "--appendonly", "yes", "--appendfsync", "always" })
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            return null;
        }
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new RedisProcess(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await redis.AnswersAsync().ConfigureAwait(false))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"redis-server did not start on port {port} (exit {(process.HasExited ? process.ExitCode : "none")}).");
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
        return redis;
    }

    /// <summary>Stops the server: SIGKILL when <paramref name="crash"/>, else SIGTERM (a clean shutdown).</summary>
    public async Task StopAsync(bool crash)
    {
        if (_process.HasExited)
            return;
        if (crash)
            _process.Kill();
        else
            await ExternalTool.RunAsync("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            return (await ExternalTool.RunAsync("redis-cli", "-p", Port.ToString(CultureInfo.InvariantCulture), "ping").ConfigureAwait(false)).Trim() == "PONG";
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(crash: true).ConfigureAwait(false);
        _process.Dispose();
    }
}
