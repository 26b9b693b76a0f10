using System.Formats.Tar;
using AudioCrawl.SampleSite;
using BenchmarkDotNet.Attributes;
using Sinks.WebDataset;

namespace AudioCrawl.Benchmarks;

/// <summary>
/// WebDataset shards are tars: one audio member and one text member per sample. System.Formats.Tar (PAX entries, as
/// the shard writer first used) against the shard writer's own ustar member writer.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TarBenchmarks
{
    private const int Samples = 200;
    private readonly byte[] _audio = SilentMp3.Create();
    private readonly byte[] _text = "{\"text\": \"babacone\"}"u8.ToArray();

    [Benchmark(OperationsPerInvoke = Samples)]
    public async Task<long> Write_members()
    {
        await using var stream = new MemoryStream();
        await using (var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            for (var i = 0; i < Samples; i++)
            {
                var key = i.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, key + ".mp3") { DataStream = new MemoryStream(_audio, writable: false) });
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, key + ".json") { DataStream = new MemoryStream(_text, writable: false) });
            }
        }
        return stream.Length;
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public async Task<long> Write_members_ustar_buffered()
    {
        await using var stream = new MemoryStream();
        var tar = new TarMemberWriter(stream);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Samples; i++)
        {
            var key = i.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            await tar.WriteAsync(key + ".mp3", _audio, now);
            await tar.WriteAsync(key + ".json", _text, now);
        }
        await tar.FinishAsync();
        return stream.Length;
    }
}
