using BenchmarkDotNet.Attributes;
using CsvHelper;
using Sinks.Csv;

namespace AudioCrawl.Benchmarks;

/// <summary>url,text rows through the CSV sink's writer options (RFC 4180, quoting when needed).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CsvBenchmarks
{
    private const int Rows = 1_000;
    private readonly (string Url, string Text)[] _pairs = Enumerable.Range(0, Rows)
        .Select(i => ($"http://127.0.0.1:8089/media/english/uk_pron/u/ukb/ukbab/word{i:D5}.mp3", i % 10 == 0 ? $"word \"{i}\", quoted" : $"word {i}"))
        .ToArray();

    [Benchmark(OperationsPerInvoke = Rows)]
    public long Write_rows()
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, CsvPairSink.WriterOptions, leaveOpen: true))
        {
            foreach (var (url, text) in _pairs)
            {
                csv.WriteField(url);
                csv.WriteField(text);
                csv.EndRecord();
            }
        }
        return stream.Length;
    }
}
