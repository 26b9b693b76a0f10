using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;

namespace Crawler.Core.Media;

/// <summary>A spider whose only requests are its start requests, given as a stream (the download command's rows).</summary>
internal sealed class RequestStreamSpider : Spider
{
    private readonly Func<CancellationToken, IAsyncEnumerable<Request>> _requests;

    public RequestStreamSpider(string name, Func<CancellationToken, IAsyncEnumerable<Request>> requests)
    {
        Name = name;
        _requests = requests;
    }

    public override IAsyncEnumerable<Request> StartRequestsAsync(CancellationToken cancellationToken = default) => _requests(cancellationToken);
}
