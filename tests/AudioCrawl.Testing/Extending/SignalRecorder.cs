using System.Collections.Concurrent;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Engine;
using Crawler.Core.Hosting;

namespace AudioCrawl.Testing.Extending;

/// <summary>README's crawl extension: records every signal it receives, in order.</summary>
public sealed class SignalRecorder : ICrawlExtension
{
    public ConcurrentQueue<string> Signals { get; } = new();

    public void OnStarted(Spider spider) => Signals.Enqueue("started " + spider.Name);

    public void OnRequestScheduled(Request request) => Signals.Enqueue("scheduled " + request.Url.AbsolutePath);

    public void OnResponse(Response response) => Signals.Enqueue($"response {response.Status} {response.Url.AbsolutePath}");

    public void OnItem(AudioPair pair) => Signals.Enqueue("item " + pair.Url.AbsolutePath);

    public void OnError(Request request, string kind, string message) => Signals.Enqueue($"error {kind} {request.Url.AbsolutePath}");

    public void OnIdle() => Signals.Enqueue("idle");

    public void OnFinished(CrawlResult result) => Signals.Enqueue("finished " + result.FinishReason);
}
