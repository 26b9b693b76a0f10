using System.Collections.Concurrent;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Politeness;
using Crawler.Core.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crawler.Core.Politeness;

/// <summary>
/// A fetch stage that asks robots.txt first: a disallowed request is dropped (<see cref="RequestDroppedException"/>,
/// reason "robots") and never reaches the server; while a host's robots.txt is unavailable its requests fail with
/// the kind "robots_unavailable", so they are recorded and can be retried. A documented API call
/// (<see cref="Request.Api"/>) passes unchecked unless <paramref name="applyToApiCalls"/> (obeyRobotsTxt=strict);
/// the first one to each host says so in the log.
/// </summary>
public sealed class RobotsTxtFetcher(IFetcher inner, IRobotsTxtSource robots, string productToken, bool applyToApiCalls = false, ILogger? logger = null) : IFetcher
{
    public const string DropReason = "robots";
    public const string UnavailableKind = "robots_unavailable";

    private readonly ConcurrentDictionary<string, byte> _apiHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default)
    {
        if (request.Api && !applyToApiCalls)
        {
            if (_apiHosts.TryAdd(request.Url.Authority, 0))
                _logger.LogInformation("{Host}: documented API calls, robots.txt for pages not applied (obeyRobotsTxt=strict to apply it)", request.Url.Authority);
            return await inner.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        }
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
