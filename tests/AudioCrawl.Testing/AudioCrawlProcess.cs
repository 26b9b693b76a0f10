using System.Diagnostics;
using System.Text;

namespace AudioCrawl.Testing;

/// <summary>
/// Runs the real audiocrawl CLI as a child process (the audiocrawl.dll built next to the test assembly), for tests
/// that need a process boundary: signals, kill -9, exit codes.
/// </summary>
public sealed class AudioCrawlProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private AudioCrawlProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "audiocrawl.dll");

    public static AudioCrawlProcess Start(string workingDirectory, params string[] args) =>
        Start(workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>Starts the CLI with <paramref name="environment"/> set on top of (or, for null values, removed from) the test's environment.</summary>
    public static AudioCrawlProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        if (!File.Exists(Dll))
            throw new InvalidOperationException($"{Dll} is missing: the test project must reference src/AudioCrawl.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var wrapper = new AudioCrawlProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (wrapper._output) wrapper._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (wrapper._error) wrapper._error.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    public static async Task<ProcessResult> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        return await process.WaitAsync(timeout);
    }

    public static async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        return await process.WaitAsync(timeout);
    }

    public string OutputSoFar { get { lock (_output) return _output.ToString(); } }

    public string ErrorSoFar { get { lock (_error) return _error.ToString(); } }

    /// <summary>Sends a POSIX signal (INT, TERM, KILL) with the system's kill command.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill!.WaitForExitAsync();
    }

    public async Task<ProcessResult> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"audiocrawl did not exit within {timeout}. Output:\n{OutputSoFar}\nErrors:\n{ErrorSoFar}");
        }
        _process.WaitForExit();
        return new ProcessResult(_process.ExitCode, OutputSoFar, ErrorSoFar);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
