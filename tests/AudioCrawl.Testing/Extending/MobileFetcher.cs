using Crawler.Abstractions.Configuration;
using Crawler.Abstractions.Http;
using Crawler.Core.Http;

namespace AudioCrawl.Testing.Extending;

/// <summary>README's fetcher of one's own: plain HTTP that asks for a mobile page, used by the requests that name it.</summary>
public sealed class MobileFetcher(EngineSettings engine) : IFetcher, IDisposable
{
    private readonly HttpFetcher _http = new(HttpFetcherOptions.From(engine with { UserAgent = "AudioCrawl-mobile/1 (Android)" }));

    public ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default) => _http.FetchAsync(request, cancellationToken);

    public void Dispose() => _http.Dispose();
}
