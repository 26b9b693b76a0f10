using AudioCrawl.Core.Http;

namespace AudioCrawl.Core.Spiders;

public delegate IAsyncEnumerable<SpiderOutput> SpiderCallback(Response response, CancellationToken cancellationToken);
