using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;

namespace Crawler.Core.Spiders;

public delegate IAsyncEnumerable<SpiderOutput> SpiderCallback(Response response, CancellationToken cancellationToken);
