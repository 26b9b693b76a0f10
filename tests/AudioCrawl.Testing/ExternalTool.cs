using System.Diagnostics;

namespace AudioCrawl.Testing;

/// <summary>Runs a system program (ffmpeg, ffprobe, tar, python3, dotnet) and returns what it printed; a failure throws with its output.</summary>
public static class ExternalTool
{
    private static readonly TimeSpan MaxRunTime = TimeSpan.FromMinutes(10);

    public static Task<string> RunAsync(string program, params string[] args) =>
        OutputOfAsync(new ProcessStartInfo(program), args);

    /// <summary>Runs <paramref name="program"/> in <paramref name="workingDirectory"/>, without the environment variables <paramref name="unset"/> names.</summary>
    public static Task<string> RunInAsync(string workingDirectory, IEnumerable<string> unset, string program, params string[] args) =>
        OutputOfAsync(StartIn(workingDirectory, unset, program), args);

    /// <summary>Like <see cref="RunInAsync"/>, but returns the exit code and both outputs instead of throwing on a failure.</summary>
    public static Task<ProcessResult> ResultInAsync(string workingDirectory, IEnumerable<string> unset, string program, params string[] args) =>
        ResultOfAsync(StartIn(workingDirectory, unset, program), args);

    private static ProcessStartInfo StartIn(string workingDirectory, IEnumerable<string> unset, string program)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory };
        foreach (var name in unset)
            start.Environment.Remove(name);
        return start;
    }

    private static async Task<string> OutputOfAsync(ProcessStartInfo start, string[] args)
    {
        var result = await ResultOfAsync(start, args);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', args)} exited with {result.ExitCode}: {result.Error}\n{result.Output}");
        return result.Output;
    }

    private static async Task<ProcessResult> ResultOfAsync(ProcessStartInfo start, string[] args)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(MaxRunTime);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', args)} did not exit within {MaxRunTime}: {await error}\n{await output}");
        }
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
