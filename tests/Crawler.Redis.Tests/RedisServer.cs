using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;
using Xunit;

namespace Crawler.Redis.Tests;

/// <summary>
/// A real redis-server (the Debian package) started as a child process on a free loopback port and killed when the
/// tests are done. The collection fixture runs without persistence; <see cref="StartAsync"/> starts a server of a
/// test's own, optionally with an append-only file in a folder, that the test may pause, stop and start again on
/// the same port (as a restart or a failover does to the workers of a shared crawl).
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly string? _dataDirectory;
    private Process? _process;

    public RedisServer() : this(null)
    {
    }

    private RedisServer(string? dataDirectory) => _dataDirectory = dataDirectory;

    public int Port { get; private set; }

    public string Url => $"redis://127.0.0.1:{Port}";

    public IConnectionMultiplexer Connection { get; private set; } = null!;

    /// <param name="dataDirectory">Keep an append-only file (fsync on every write) there, so a restart keeps the data; null: no persistence.</param>
    public static async Task<RedisServer> StartAsync(string? dataDirectory = null)
    {
        var server = new RedisServer(dataDirectory);
        await server.InitializeAsync();
        return server;
    }

    public async Task InitializeAsync()
    {
        Port = FreePort();
        await StartProcessAsync();
        Connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},abortConnect=false,connectTimeout=1000");
    }

    /// <summary>SIGSTOP: the server keeps its connections but answers nothing, as a hung or swapping server does.</summary>
    public Task PauseAsync() => SignalAsync("STOP");

    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>SIGTERM: a clean shutdown (the append-only file is flushed); SIGKILL with <paramref name="kill"/>.</summary>
    public async Task StopAsync(bool kill = false)
    {
        await SignalAsync(kill ? "KILL" : "TERM");
        await _process!.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same port, with the same data folder (or empty, without one).</summary>
    public Task RestartAsync() => StartProcessAsync();

    /// <summary>A worker's link to this server (not joined: it checks no crawl marker until <see cref="RedisLink.JoinAsync"/>).</summary>
    public RedisLink Link(RedisCrawlOptions options, TimeProvider? time = null) => new(Connection, options, Url, time: time);

    public async Task<long> CommandCallsAsync()
    {
        var info = await Connection.GetServer("127.0.0.1", Port).InfoAsync("commandstats");
        return info.SelectMany(group => group).Where(pair => pair.Key.StartsWith("cmdstat_", StringComparison.Ordinal))
            .Sum(pair => long.Parse(pair.Value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture));
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
            await Connection.DisposeAsync();
        if (_process is { HasExited: false })
        {
            await SignalAsync("CONT");
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] persistence = _dataDirectory is null
            ? ["--save", "", "--appendonly", "no"]
            : ["--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", _dataDirectory];
        foreach (var arg in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--protected-mode", "no" }.Concat(persistence))
            start.ArgumentList.Add(arg);
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed: run scripts/install-deps.sh.", ex);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process!.Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
