using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;
using Crawler.Abstractions.Stats;
using Crawler.Core.Engine;
using Microsoft.Extensions.Logging;

namespace Crawler.Core.Hosting;

/// <summary>Sends the crawl's signals to every registered extension; one that throws is logged and counted, not fatal.</summary>
public sealed class CrawlSignals(IEnumerable<ICrawlExtension> extensions, CrawlStats stats, ILogger<CrawlSignals> logger)
{
    public const string ErrorKind = "extension";

    private readonly ICrawlExtension[] _extensions = [.. extensions];

    public bool IsEmpty => _extensions.Length == 0;

    public void Started(Spider spider) => Send(e => e.OnStarted(spider));

    public void RequestScheduled(Request request) => Send(e => e.OnRequestScheduled(request));

    public void Response(Response response) => Send(e => e.OnResponse(response));

    public void Item(AudioPair pair) => Send(e => e.OnItem(pair));

    public void Error(Request request, string kind, string message) => Send(e => e.OnError(request, kind, message));

    public void Idle() => Send(e => e.OnIdle());

    public void Finished(CrawlResult result) => Send(e => e.OnFinished(result));

    private void Send(Action<ICrawlExtension> signal)
    {
        foreach (var extension in _extensions)
        {
            try
            {
                signal(extension);
            }
            catch (Exception ex)
            {
                stats.Errors.Increment(ErrorKind);
                logger.LogWarning(ex, "Crawl extension {Extension} failed: {Message}", extension.GetType().Name, ex.Message);
            }
        }
    }
}
