using Crawler.Abstractions.Http;

namespace Crawler.Abstractions.Hosting;

/// <summary>The rest of the fetch pipeline, as a fetch middleware sees it: call it to pass the request on.</summary>
public delegate ValueTask<Response> FetchDelegate(Request request, CancellationToken cancellationToken);
