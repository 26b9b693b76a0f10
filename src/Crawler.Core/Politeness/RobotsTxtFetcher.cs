using AudioCrawl.Core.Http;

namespace AudioCrawl.Core.Politeness;

/// <summary>
/// A fetch stage that asks robots.txt first: a disallowed request is dropped (<see cref="RequestDroppedException"/>,
/// reason "robots") and never reaches the server; while a host's robots.txt is unavailable its requests fail with
/// the kind "robots_unavailable", so they are recorded and can be retried.
/// </summary>
public sealed class RobotsTxtFetcher(IFetcher inner, IRobotsTxtSource robots, string productToken) : IFetcher
{
    public const string DropReason = "robots";
    public const string UnavailableKind = "robots_unavailable";

    public async ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default)
    {
        var rules = await robots.GetAsync(request.Url, cancellationToken).ConfigureAwait(false);
        if (!rules.IsAllowed(request.Url, productToken))
        {
            if (rules.DisallowsAll)
                throw new FetchException(UnavailableKind, request.Url, "robots.txt of the host is unavailable (5xx, 429 or unreachable), so nothing there may be fetched for now.");
            throw new RequestDroppedException(DropReason, request.Url, $"robots.txt disallows it for {productToken}.");
        }
        return await inner.FetchAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
