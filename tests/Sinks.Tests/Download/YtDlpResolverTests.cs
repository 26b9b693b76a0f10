using AudioCrawl.Testing;
using Sinks.Download;
using Xunit;

namespace Sinks.Tests.Download;

/// <summary>
/// YouTube is out of reach, so a fake <c>yt-dlp</c> shell script, put on the PATH the resolver searches, stands
/// in for it across a real process boundary: it records its arguments and "downloads" a tone the test made.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class YtDlpResolverTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<string> FakeYtDlpAsync(string body)
    {
        var bin = Directory.CreateDirectory(_temp.File("bin")).FullName;
        var script = Path.Combine(bin, "yt-dlp");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    /// <summary>A fake that writes the tone where -o says (with %(ext)s as ogg) and prints the path, as yt-dlp's --print after_move:filepath does.</summary>
    private async Task<YtDlpOptions> WorkingFakeAsync()
    {
        var tone = _temp.File("tone.ogg");
        await File.WriteAllBytesAsync(tone, await AudioFixtures.ToneAsync(_temp.Path, "ogg"));
        var bin = await FakeYtDlpAsync($$"""
            echo "$@" >> "{{_temp.File("calls.txt")}}"
            out=""
            while [ $# -gt 0 ]; do
              if [ "$1" = "-o" ]; then out="$2"; shift; fi
              shift
            done
            file=$(echo "$out" | sed 's/%(ext)s/ogg/')
            cp "{{tone}}" "$file"
            echo "$file"
            """);
        return new YtDlpOptions { Environment = new Dictionary<string, string> { ["PATH"] = bin + ":/usr/bin:/bin" } };
    }

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", true)]
    [InlineData("https://youtu.be/dQw4w9WgXcQ", true)]
    [InlineData("https://m.youtube.com/shorts/abc", true)]
    [InlineData("https://podcasts.example.org/episode/1", true)]
    [InlineData("https://cdn.example.org/a.mp3", false)]
    [InlineData("https://notyoutube.com/watch?v=x", false)]
    public void Claims_youtube_and_the_configured_hosts(string url, bool claimed)
    {
        var resolver = new YtDlpResolver(new YtDlpOptions { Hosts = ["podcasts.example.org"] });

        Assert.Equal(claimed, resolver.CanResolve(new Uri(url)));
    }

    [Fact]
    public async Task A_watch_url_is_downloaded_by_yt_dlp_found_on_path_and_packed()
    {
        var options = await WorkingFakeAsync();
        const string watch = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
        var csv = DownloadHarness.WriteCsv(_temp.File("pairs.csv"), [(watch, "a song")], "start,end", ["0.25,0.75"]);
        var output = _temp.File("out");

        var summary = await DownloadHarness.RunAsync(csv, output, resolvers: [new YtDlpResolver(options)]);

        Assert.Equal(1, summary.Succeeded);
        var call = Assert.Single(await File.ReadAllLinesAsync(_temp.File("calls.txt")));
        Assert.Contains("-f bestaudio/best", call, StringComparison.Ordinal);
        Assert.EndsWith("-- " + watch, call, StringComparison.Ordinal);
        var sample = Assert.Single(await WebDatasetReader.ReadWithPythonAsync(Assert.Single(DownloadHarness.Shards(output))));
        var original = sample.Json.GetProperty("original_data");
        Assert.Equal("yt-dlp", original.GetProperty("resolver").GetString());
        Assert.Equal(watch, original.GetProperty("url").GetString());
        Assert.InRange(original.GetProperty("duration").GetDouble(), 0.45, 0.55);
    }

    [Fact]
    public async Task A_failing_yt_dlp_marks_the_row_failed_with_its_message()
    {
        var bin = await FakeYtDlpAsync("echo 'ERROR: [youtube] abc: Video unavailable' >&2\nexit 1\n");
        var resolver = new YtDlpResolver(new YtDlpOptions { Environment = new Dictionary<string, string> { ["PATH"] = bin } });
        var csv = DownloadHarness.WriteCsv(_temp.File("pairs.csv"), [("https://youtu.be/abc", "gone")]);
        var output = _temp.File("out");

        var summary = await DownloadHarness.RunAsync(csv, output, resolvers: [resolver]);

        Assert.Equal(1, summary.Failed);
        var status = Assert.Single(await StatusTable.ReadAsync(Path.Combine(output, StatusTable.FileName)));
        Assert.Equal(SampleFailureReasons.ResolverFailed, status.Reason);
        Assert.Contains("Video unavailable", status.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_yt_dlp_is_reported_with_how_to_install_it()
    {
        var resolver = new YtDlpResolver(new YtDlpOptions { Executable = "yt-dlp-not-installed" });

        var error = await Assert.ThrowsAsync<SampleRejectedException>(() => resolver.ResolveAsync(new Uri("https://youtu.be/abc"), _temp.Path, "k"));

        Assert.Contains("apt-get install yt-dlp", error.Message, StringComparison.Ordinal);
    }
}
