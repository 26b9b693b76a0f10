using System.Collections.Concurrent;
using System.Text;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Politeness;
using Crawler.Core.Http;
using Microsoft.Extensions.Logging;

namespace Crawler.Core.Politeness;

/// <summary>
/// Fetches robots.txt once per origin (scheme, host and port) and keeps it (RFC 9309 2.3, 2.4): a 2xx is parsed,
/// a 4xx means no rules, a 429, a 5xx or an unreachable server means nothing is allowed until robots.txt is asked
/// for again after <see cref="RobotsTxtOptions.RetryUnavailableAfter"/>. Concurrent callers share one fetch.
/// </summary>
public sealed class RobotsTxtCache(IFetcher fetcher, RobotsTxtOptions options, TimeProvider time, ILogger logger) : IRobotsTxtSource
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public static string OriginOf(Uri url) => url.GetLeftPart(UriPartial.Authority);

    /// <summary>Called with the origin and its Crawl-delay each time a robots.txt naming one is read.</summary>
    public event Action<Uri, TimeSpan>? CrawlDelayFound;

    public async ValueTask<RobotsTxt> GetAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var origin = OriginOf(url);
        while (true)
        {
            var entry = _entries.GetOrAdd(origin, o => new Entry(new Lazy<Task<Fetched>>(() => FetchAsync(new Uri(o)))));
            var fetched = await entry.Task.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (fetched.ExpiresAt > time.GetUtcNow())
                return fetched.Robots;
            _entries.TryRemove(new KeyValuePair<string, Entry>(origin, entry));
        }
    }

    private async Task<Fetched> FetchAsync(Uri origin)
    {
        var url = new Uri(origin, "/robots.txt");
        RobotsTxt robots;
        bool available;
        try
        {
            var response = await fetcher.FetchAsync(new Request(url) { Fetcher = FetcherKind.Http }, CancellationToken.None).ConfigureAwait(false);
            (robots, available) = response.Status switch
            {
                >= 200 and < 300 => (RobotsTxt.Parse(Decode(response), response.Url), true),
                429 or >= 500 => (RobotsTxt.DisallowAll, false),
                _ => (RobotsTxt.AllowAll, true),
            };
            if (!available)
                logger.LogWarning("robots.txt of {Origin} answered {Status}: the host is treated as disallowed for {Seconds} s.", origin, response.Status, options.RetryUnavailableAfter.TotalSeconds);
        }
        catch (FetchException ex)
        {
            logger.LogWarning("robots.txt of {Origin} could not be fetched ({Kind}: {Message}): the host is treated as disallowed for {Seconds} s.", origin, ex.Kind, ex.Message, options.RetryUnavailableAfter.TotalSeconds);
            (robots, available) = (RobotsTxt.DisallowAll, false);
        }
        catch (RequestDroppedException)
        {
            (robots, available) = (RobotsTxt.AllowAll, true);
        }
        if (robots.CrawlDelayFor(options.ProductToken) is { } delay)
            CrawlDelayFound?.Invoke(origin, TimeSpan.FromSeconds(delay));
        var expires = time.GetUtcNow() + (available ? options.CacheFor : options.RetryUnavailableAfter);
        return new Fetched(robots, expires);
    }

    private static string Decode(Response response)
    {
        var body = response.Body.Span;
        if (body.Length > RobotsTxt.MaxParsedBytes)
            body = body[..RobotsTxt.MaxParsedBytes];
        return Encoding.UTF8.GetString(body).TrimStart('\uFEFF');
    }

    private sealed record Entry(Lazy<Task<Fetched>> Task);

    private sealed record Fetched(RobotsTxt Robots, DateTimeOffset ExpiresAt);
}
