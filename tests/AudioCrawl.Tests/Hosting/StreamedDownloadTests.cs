using System.Buffers.Binary;
using System.Globalization;
using AudioCrawl.Testing;
using Microsoft.AspNetCore.Http;
using Sinks.Download;
using Xunit;
using Xunit.Abstractions;

namespace AudioCrawl.Tests.Hosting;

/// <summary>Audio bodies stream to the work file as they arrive: the downloader's memory does not grow with the file.</summary>
public sealed class StreamedDownloadTests(ITestOutputHelper log) : IDisposable
{
    private const long OneGiB = 1L << 30;
    private const long RssLimit = 250L * 1024 * 1024;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A 16-bit mono 48 kHz WAV of <paramref name="dataBytes"/> bytes of silence, written as it is sent.</summary>
    private static async Task ServeLargeWavAsync(HttpContext context, long dataBytes)
    {
        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)(36 + dataBytes));
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(22), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), 48_000);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(28), 96_000);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(32), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(34), 16);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), (uint)dataBytes);
        context.Response.ContentType = "audio/wav";
        context.Response.ContentLength = header.Length + dataBytes;
        await context.Response.Body.WriteAsync(header, context.RequestAborted);
        var silence = new byte[256 * 1024];
        for (long sent = 0; sent < dataBytes; sent += silence.Length)
            await context.Response.Body.WriteAsync(silence.AsMemory(0, (int)Math.Min(silence.Length, dataBytes - sent)), context.RequestAborted);
    }

    private static long ResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0; // the process has exited
        }
    }

    [Fact]
    public async Task A_one_gib_audio_body_is_downloaded_with_the_process_rss_under_250_mb()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handle("/huge.wav", context => ServeLargeWavAsync(context, OneGiB));
        var csv = _temp.File("pairs.csv");
        File.WriteAllText(csv, $"url,text\r\n{server.Url("/huge.wav")},an hour of silence\r\n");
        var output = _temp.File("out");

        using var download = AudioCrawlProcess.Start(_temp.Path, "download", csv, "-o", output, "--format", "files",
            "--max-audio-bytes", (2 * OneGiB).ToString(CultureInfo.InvariantCulture), "--audio-timeout", "600", "--max-duration", "2", "--transcode-workers", "1");
        long peak = 0;
        var waiting = download.WaitAsync(TimeSpan.FromMinutes(8));
        while (!waiting.IsCompleted)
        {
            peak = Math.Max(peak, ResidentBytes(download.Id));
            await Task.WhenAny(waiting, Task.Delay(20));
        }
        var result = await waiting;
        log.WriteLine($"peak RSS of the download process: {peak / (1024 * 1024)} MiB for a {OneGiB >> 20} MiB body");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var key = SampleKey.Of(server.Url("/huge.wav").AbsoluteUri, "an hour of silence");
        Assert.True(File.Exists(Path.Combine(output, key + ".flac")), result.Output + result.Error);
        Assert.Equal(1, server.Hits("/huge.wav"));
        Assert.InRange(peak, 1, RssLimit);
    }
}
