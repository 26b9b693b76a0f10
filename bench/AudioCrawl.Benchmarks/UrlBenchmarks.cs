using BenchmarkDotNet.Attributes;
using Crawler.Abstractions.Http;
using Crawler.Core.Scheduling;

namespace AudioCrawl.Benchmarks;

/// <summary>Every link a spider yields is canonicalised and fingerprinted before the frontier's seen-set lookup.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class UrlBenchmarks
{
    private readonly Uri _url = new("HTTP://Dictionary.Cambridge.org:80/dictionary/english/caf%C3%A9?b=2&a=1#pron");
    private readonly Request _request = new(new Uri("http://127.0.0.1:8089/dictionary/english/babacone"), "ParseEntry");

    [Benchmark]
    public string Canonicalize() => UrlCanonicalizer.Canonicalize(_url);

    [Benchmark]
    public RequestFingerprint Fingerprint() => RequestFingerprint.Of(_request);
}
