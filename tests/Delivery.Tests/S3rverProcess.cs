using System.Diagnostics;
using System.Globalization;
using AudioCrawl.Testing;

namespace Delivery.Tests;

/// <summary>
/// A real S3-compatible server (s3rver, from npm) in a child process on 127.0.0.1 and a free port, storing objects
/// in a temp folder, started through scripts/s3rver.sh and killed on dispose.
/// </summary>
public sealed class S3rverProcess : IAsyncDisposable
{
    public const string Bucket = "delivery";
    public const string AccessKey = "S3RVER";

    private readonly Process _process;
    private readonly TempDirectory _storage;

    private S3rverProcess(Process process, TempDirectory storage, int port)
    {
        _process = process;
        _storage = storage;
        Endpoint = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
    }

    public string Endpoint { get; }

    /// <summary>Where s3rver keeps its unfinished multipart uploads (one folder per upload id).</summary>
    public string UploadsFolder => Path.Combine(_storage.Path, Bucket, "._S3rver_uploads");

    /// <param name="putLatency">A delay before every PUT (object or part), as over a slow link.</param>
    public static async Task<S3rverProcess> StartAsync(TimeSpan putLatency = default)
    {
        var storage = new TempDirectory();
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(RepositoryRoot(), "scripts", "s3rver.sh"), storage.Path, "0", Bucket })
            start.ArgumentList.Add(arg);
        start.Environment["S3RVER_STOP_WITH_STDIN"] = "1";
        start.Environment["S3RVER_LATENCY_MS"] = ((int)putLatency.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("listening ", StringComparison.Ordinal))
                return new S3rverProcess(process, storage, int.Parse(line["listening ".Length..], CultureInfo.InvariantCulture));
        }
        var error = await process.StandardError.ReadToEndAsync(timeout.Token);
        process.Kill(entireProcessTree: true);
        storage.Dispose();
        throw new InvalidOperationException($"s3rver did not start: {error}");
    }

    /// <summary>Whether s3rver holds <paramref name="key"/>, from its files (cheaper than a listing while racing a kill).</summary>
    public bool HasObject(string key) => File.Exists(Path.Combine(_storage.Path, Bucket, key + "._S3rver_object"));

    public S3ConnectionOptions Options(long partSize = 16L * 1024 * 1024, int concurrency = 4) =>
        new() { Endpoint = Endpoint, PathStyle = true, PartSize = partSize, Concurrency = concurrency, MaxAttempts = 2 };

    /// <summary>The environment the CLI (or the SDK in this process) reads credentials from.</summary>
    public static IReadOnlyDictionary<string, string?> Credentials(string accessKey = AccessKey, string secret = "S3RVER") => new Dictionary<string, string?>
    {
        ["AWS_ACCESS_KEY_ID"] = accessKey,
        ["AWS_SECRET_ACCESS_KEY"] = secret,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
    };

    public string[] ConnectionArgs => ["--endpoint", Endpoint, "--path-style"];

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _storage.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "scripts", "s3rver.sh")))
                return folder.FullName;
        }
        throw new InvalidOperationException("scripts/s3rver.sh not found above " + AppContext.BaseDirectory);
    }
}
