using AudioCrawl.Testing;
using Crawler.Abstractions;
using Crawler.Core.Storage;
using Sinks.Download;
using Xunit;

namespace Sinks.Tests.Download;

/// <summary>
/// A full disk under the downloads is a write failure of the run, never a failed or a packed-but-cut sample: a
/// download the disk refuses stays pending (not failed as a dropped connection), and a FLAC the disk cut short keeps
/// a valid STREAMINFO (ffmpeg rewrites it at the start after its last write) while ffmpeg may still exit 0. A run on
/// the freed disk packs every sample whole.
/// </summary>
public sealed class FullDiskDownloadTests : IAsyncLifetime
{
    private const int Tones = 3;
    private const double Seconds = 2;
    private readonly TempDirectory _temp = new();
    private LoopbackServer _server = null!;
    private string _fixtures = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync();
        _fixtures = Directory.CreateDirectory(_temp.File("fixtures")).FullName;
        for (var i = 0; i < Tones; i++)
            _server.Bytes($"/tone{i}.wav", await AudioFixtures.ToneAsync(_fixtures, "wav", Seconds, frequency: 300 + 40 * i), "audio/wav");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>Samples per channel ffmpeg decodes from a FLAC file; it fails on one that ends inside a frame.</summary>
    private async Task<long> DecodedSamplesAsync(string flac)
    {
        var raw = flac + ".s16";
        await ExternalTool.RunAsync("ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-xerror", "-y", "-i", flac, "-f", "s16le", "-ac", "1", raw);
        return new FileInfo(raw).Length / 2;
    }

    private string Csv() =>
        DownloadHarness.WriteCsv(_temp.File("pairs.csv"), Enumerable.Range(0, Tones).Select(i => (_server.Url($"/tone{i}.wav").AbsoluteUri, $"tone {i}")));

    /// <summary>Every sample is in a shard, and ffmpeg decodes each FLAC to its full length.</summary>
    private async Task AssertPackedWholeAsync(string output)
    {
        var extracted = Directory.CreateDirectory(_temp.File("extracted")).FullName;
        foreach (var shard in DownloadHarness.Shards(output))
            await WebDatasetReader.ExtractAsync(shard, extracted);
        var flacs = Directory.GetFiles(extracted, "*.flac");
        Assert.Equal(Tones, flacs.Length);
        foreach (var flac in flacs)
        {
            Assert.True(new FileInfo(flac).Length > 4096);
            Assert.Equal((long)(48_000 * Seconds), await DecodedSamplesAsync(flac));
        }
    }

    [Fact]
    public async Task A_download_the_full_disk_refuses_fails_the_run_as_a_full_disk_and_stays_pending_for_the_run_on_the_freed_disk()
    {
        if (TmpfsMount.Unavailable)
            return;
        using var disk = TmpfsMount.Mount(_temp.File("disk"), 2048);
        var output = Path.Combine(disk.Path, "out");
        var csv = Csv();
        Directory.CreateDirectory(output);
        await disk.FillAsync(leaveFree: 8192); // the status lines fit, a 350 KB download does not

        var failure = await Assert.ThrowsAsync<CrawlerException>(() => DownloadHarness.RunAsync(csv, output));

        Assert.Contains("disk full", failure.Message);
        Assert.Contains(".download", failure.Message);
        var journal = await File.ReadAllTextAsync(StatusJournal.PathFor(output, null));
        Assert.Contains("\"pending\"", journal);
        Assert.DoesNotContain("\"failed\"", journal);
        Assert.Empty(DownloadHarness.Shards(output));

        disk.Free();
        var summary = await DownloadHarness.RunAsync(csv, output);

        Assert.Equal(Tones, summary.Succeeded);
        Assert.Equal(0, summary.Failed);
        await AssertPackedWholeAsync(output);
    }

    [Fact]
    public async Task A_conversion_a_full_tmpfs_cuts_short_is_a_disk_failure_and_converts_whole_once_the_disk_is_freed()
    {
        if (TmpfsMount.Unavailable)
            return;
        using var disk = TmpfsMount.Mount(_temp.File("disk"), 1024);
        var input = Path.Combine(disk.Path, "tone.download");
        await File.WriteAllBytesAsync(input, await AudioFixtures.ToneAsync(_fixtures, "wav", Seconds, 440));
        await disk.FillAsync(leaveFree: 4096); // room for the converted file's first page only
        var transcoder = new AudioTranscoder(new TranscodeOptions());

        var failure = await Assert.ThrowsAsync<IOException>(() => transcoder.TranscodeAsync(input, null));

        Assert.True(WriteFailures.IsDiskFull(failure), failure.Message);
        Assert.Empty(Directory.EnumerateFiles(disk.Path, "*.out.*"));
        disk.Free();
        var audio = await transcoder.TranscodeAsync(input, null);
        Assert.Equal((long)(48_000 * Seconds), await DecodedSamplesAsync(audio.File!));
    }

    [Fact]
    public async Task A_flac_cut_short_while_ffmpeg_exits_0_and_logs_nothing_is_never_packed_and_a_run_on_a_freed_disk_packs_it_whole()
    {
        // ffmpeg's own exit status and log do not always tell (a short write on a full disk goes unnoticed when it is
        // the last one): this ffmpeg is the real one, whose FLAC outputs are cut to their first 4 KiB while the disk is "full".
        var full = _temp.File("disk-full");
        await File.WriteAllTextAsync(full, "");
        var bin = Directory.CreateDirectory(_temp.File("bin")).FullName;
        var wrapper = Path.Combine(bin, "ffmpeg");
        var real = (await ExternalTool.RunAsync("sh", "-c", "command -v ffmpeg")).Trim();
        await File.WriteAllTextAsync(wrapper, $$"""
            #!/bin/sh
            {{real}} "$@"
            status=$?
            if [ -e '{{full}}' ]; then
              for arg in "$@"; do case "$arg" in *.out.flac) truncate -s 4096 "$arg";; esac; done
            fi
            exit $status
            """.Replace("\r\n", "\n"));
        await ExternalTool.RunAsync("chmod", "+x", wrapper);
        var csv = Csv();
        var output = _temp.File("out");
        var options = new DownloadOptions { Concurrency = 4, TranscodeWorkers = 1, Transcode = new TranscodeOptions { FfmpegFolder = bin } };

        var failure = await Assert.ThrowsAsync<CrawlerException>(() => DownloadHarness.RunAsync(csv, output, options: options));

        Assert.Contains("cut short", failure.Message);
        Assert.Contains("disk full", failure.Message);
        Assert.Empty(DownloadHarness.Shards(output));
        Assert.Empty(Directory.EnumerateFiles(output, "*.tmp"));
        var journal = await File.ReadAllTextAsync(StatusJournal.PathFor(output, null));
        Assert.DoesNotContain("\"failed\"", journal);

        File.Delete(full);
        var summary = await DownloadHarness.RunAsync(csv, output, options: options);

        Assert.Equal(Tones, summary.Succeeded);
        await AssertPackedWholeAsync(output);
    }
}
