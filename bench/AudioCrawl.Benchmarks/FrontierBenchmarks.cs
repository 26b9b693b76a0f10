using BenchmarkDotNet.Attributes;
using Crawler.Abstractions.Http;
using Crawler.Core.Scheduling;

namespace AudioCrawl.Benchmarks;

/// <summary>Push a range page's worth of entry requests (plus duplicates) into the in-memory frontier, then pop them all.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class FrontierBenchmarks
{
    private const int Requests = 1_000;
    private Request[] _requests = [];

    [GlobalSetup]
    public void Setup() =>
        _requests = Enumerable.Range(0, Requests)
            .Select(i => new Request(new Uri($"http://127.0.0.1:8089/dictionary/english/word{i % (Requests * 9 / 10)}"), "ParseEntry") { Priority = i % 3 })
            .ToArray();

    [Benchmark(OperationsPerInvoke = Requests)]
    public async Task<int> Push_and_pop()
    {
        var frontier = new InMemoryFrontier();
        foreach (var request in _requests)
            await frontier.EnqueueAsync(request);
        var popped = 0;
        while (await frontier.DequeueAsync() is not null)
            popped++;
        return popped;
    }
}
