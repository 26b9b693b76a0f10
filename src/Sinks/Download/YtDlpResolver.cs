using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Sinks.Download;

/// <summary>
/// Runs <c>yt-dlp</c> as a child process to download the best audio of a page: YouTube watch, shorts and
/// youtu.be links, and any host configured in <see cref="YtDlpOptions.Hosts"/>. yt-dlp prints the final file
/// path (<c>--print after_move:filepath</c>), which is what this reads back.
/// </summary>
public sealed class YtDlpResolver(YtDlpOptions options) : IMediaResolver
{
    public string Name => "yt-dlp";

    public bool CanResolve(Uri url) =>
        YtDlpOptions.YouTubeHosts.Concat(options.Hosts).Any(host => MatchesHost(url.IdnHost, host));

    public async Task<ResolvedMedia> ResolveAsync(Uri url, string folder, string key, CancellationToken cancellationToken = default)
    {
        var path = options.Environment.TryGetValue("PATH", out var configuredPath) ? configuredPath : System.Environment.GetEnvironmentVariable("PATH");
        var program = ExecutableLocator.Find(options.Executable, path)
            ?? throw new SampleRejectedException(SampleFailureReasons.ResolverFailed, $"{url}: yt-dlp was not found ('{options.Executable}' on PATH {path}); install it (apt-get install yt-dlp) or pass --yt-dlp PATH.");

        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var (name, value) in options.Environment)
            start.Environment[name] = value;
        foreach (var argument in Arguments(url, folder, key))
            start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
                throw;
            throw new SampleRejectedException(SampleFailureReasons.ResolverFailed, $"{url}: yt-dlp took longer than {options.Timeout.TotalSeconds:0} s.");
        }
        var stdout = await output.ConfigureAwait(false);
        var stderr = await error.ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new SampleRejectedException(SampleFailureReasons.ResolverFailed, $"{url}: yt-dlp exited with {process.ExitCode}: {LastLines(stderr)}");

        var file = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (file is null || !File.Exists(file))
            throw new SampleRejectedException(SampleFailureReasons.ResolverFailed, $"{url}: yt-dlp reported no downloaded file (output: '{LastLines(stdout)}').");
        return new ResolvedMedia(file, new JsonObject { ["resolver"] = Name });
    }

    private IEnumerable<string> Arguments(Uri url, string folder, string key)
    {
        yield return "--no-playlist";
        yield return "--no-progress";
        yield return "--no-simulate";
        yield return "--print";
        yield return "after_move:filepath";
        yield return "-f";
        yield return options.Format;
        yield return "-o";
        yield return Path.Combine(folder, key + ".%(ext)s");
        foreach (var argument in options.ExtraArguments)
            yield return argument;
        yield return "--";
        yield return url.AbsoluteUri;
    }

    private static bool MatchesHost(string host, string configured) =>
        host.Equals(configured, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + configured, StringComparison.OrdinalIgnoreCase);

    private static string LastLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new StringBuilder().AppendJoin(" | ", lines.TakeLast(3)).ToString();
    }
}
