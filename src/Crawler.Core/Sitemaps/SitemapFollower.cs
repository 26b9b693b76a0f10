using Crawler.Abstractions.Http;
using Crawler.Abstractions.Politeness;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Politeness;
using Microsoft.Extensions.Logging;

namespace Crawler.Core.Sitemaps;

/// <summary>
/// Scrapy's SitemapSpider as a part any spider uses from its own callback. <see cref="Follow"/> turns a fetched
/// sitemap into requests: for an index, one request per child sitemap (back to the same callback); for a url set,
/// one request per URL as <see cref="SitemapFollowOptions.RequestFor"/> maps it, with
/// <see cref="Request.LastModified"/> set from its lastmod. A robots.txt response is read for its <c>Sitemap:</c>
/// lines. A refused file (malformed, over a limit, hostile) is logged with its URL and counted as
/// <c>sitemap/&lt;reason&gt;</c>, and yields nothing, except that a file breaking off into malformed XML still
/// yields the entries before the error: the crawl goes on.
/// </summary>
/// <remarks>
/// The requests go back through the engine like any other, so robots.txt, allowed domains, depth limits,
/// de-duplication and the re-crawl policy all apply: a sitemap is not a licence. Counters (in
/// <c>Stats.Custom</c>): <c>sitemap/files</c>, <c>sitemap/urls</c>, <c>sitemap/sitemaps</c>, <c>sitemap/skipped</c>
/// (URLs mapped to no request), <c>sitemap/not_followed</c>, <c>sitemap/invalid_entries</c>.
/// A spider whose sitemaps may reach the 50 MB limit raises <c>maxBodyBytes</c> (16 MiB by default), which bounds
/// every response body, gzip Content-Encoding included.
/// </remarks>
/// <example>
/// <code>
/// public override async IAsyncEnumerable&lt;Request&gt; StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
/// {
///     foreach (var request in await Sitemaps.FromRobotsTxtAsync(Settings.BaseUrl, nameof(ParseSitemap), cancellationToken))
///         yield return request;
/// }
///
/// public async IAsyncEnumerable&lt;SpiderOutput&gt; ParseSitemap(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
/// {
///     foreach (var request in Sitemaps.Follow(response))
///         yield return request;
///     await Task.CompletedTask;
/// }
///
/// private SitemapFollower Sitemaps => new(Context, SitemapFollowOptions.FromRules([new SitemapRule("/dictionary/english/", nameof(ParseEntry))]));
/// </code>
/// </example>
public sealed class SitemapFollower(SpiderContext context, SitemapFollowOptions? options = null)
{
    public const string StatsPrefix = "sitemap/";

    private readonly SitemapFollowOptions _options = options ?? new SitemapFollowOptions();

    /// <summary>
    /// A request for a sitemap: over HTTP (never a browser), handed over even when served as application/gzip or
    /// octet-stream, and a listing, so incremental runs read it again.
    /// </summary>
    public static Request RequestFor(Uri sitemap, string callback) =>
        new(sitemap, callback) { AcceptBinary = true, Fetcher = FetcherKind.Http, IsListing = true };

    /// <summary>
    /// Start requests for the sitemaps a host's robots.txt lists: read from the crawl's robots.txt cache when
    /// robots.txt is obeyed, otherwise a request for <c>/robots.txt</c> itself (to <paramref name="callback"/>,
    /// which hands it to <see cref="Follow"/>).
    /// </summary>
    public async Task<IReadOnlyList<Request>> FromRobotsTxtAsync(Uri site, string callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (context.Robots is not { } robots)
            return [new Request(new Uri(site, "/robots.txt"), callback) { Fetcher = FetcherKind.Http, IsListing = true }];
        var robotsTxt = await robots.GetAsync(site, cancellationToken).ConfigureAwait(false);
        if (robotsTxt.DisallowsAll && robotsTxt.Sitemaps.Count == 0)
        {
            Count("robots_txt_unavailable");
            context.Logger.LogWarning("The robots.txt of {Site} could not be read (the host counts as disallowed): no sitemaps to start from.", RobotsTxtCache.OriginOf(site));
        }
        else if (robotsTxt.Sitemaps.Count == 0)
        {
            NoSitemapsInRobotsTxt(site);
        }
        return robotsTxt.Sitemaps.Select(url => RequestFor(url, callback)).ToArray();
    }

    /// <summary>The requests a sitemap (or robots.txt) response leads to; empty, counted and logged when the file is refused.</summary>
    public IReadOnlyList<Request> Follow(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Request.Url.AbsolutePath == "/robots.txt")
            return FromRobotsTxt(response);
        Count("files");
        if (!response.IsSuccess)
        {
            Count($"http_{response.Status}");
            context.Logger.LogWarning("Sitemap {Url} answered {Status}: skipped.", response.Url, response.Status);
            return [];
        }
        SitemapDocument document;
        try
        {
            document = SitemapReader.Read(response.Url, response.Body, _options.Limits);
        }
        catch (SitemapException ex) when (ex.ReadBeforeError is { Entries.Count: > 0 } partial)
        {
            Count(ex.Reason);
            context.Logger.LogWarning("Sitemap {Url} breaks off ({Reason}): {Message}; the {Count} entries before the error are kept.", response.Url, ex.Reason, ex.Message, partial.Entries.Count);
            document = partial;
        }
        catch (SitemapException ex)
        {
            Count(ex.Reason);
            context.Logger.LogWarning("Sitemap {Url} refused ({Reason}): {Message}", response.Url, ex.Reason, ex.Message);
            return [];
        }
        if (document.InvalidEntries > 0)
            Count("invalid_entries", document.InvalidEntries);
        return document.Kind == SitemapKind.Index ? ChildSitemaps(response, document) : Pages(response, document);
    }

    private IReadOnlyList<Request> ChildSitemaps(Response response, SitemapDocument document)
    {
        var requests = new List<Request>(document.Entries.Count);
        foreach (var entry in document.Entries)
        {
            if (!_options.FollowSitemap(entry))
            {
                Count("not_followed");
                continue;
            }
            requests.Add(Child(response, entry.Location));
        }
        Count("sitemaps", requests.Count);
        return requests;
    }

    private IReadOnlyList<Request> Pages(Response response, SitemapDocument document)
    {
        var requests = new List<Request>(document.Entries.Count);
        foreach (var entry in document.Entries)
        {
            if (_options.RequestFor(entry) is not { } request)
            {
                Count("skipped");
                continue;
            }
            requests.Add(request with { Depth = response.Request.Depth + 1, LastModified = request.LastModified ?? entry.LastModified });
        }
        Count("urls", requests.Count);
        return requests;
    }

    private IReadOnlyList<Request> FromRobotsTxt(Response response)
    {
        var sitemaps = RobotsTxt.Parse(response.Text, response.Url).Sitemaps;
        if (sitemaps.Count == 0)
            NoSitemapsInRobotsTxt(response.Url);
        // Sitemaps named by robots.txt are where the crawl starts: they keep its depth.
        return sitemaps.Select(url => Child(response, url) with { Depth = response.Request.Depth }).ToArray();
    }

    private static Request Child(Response response, Uri sitemap) =>
        RequestFor(sitemap, response.Request.Callback) with
        {
            Depth = response.Request.Depth + 1,
            Priority = response.Request.Priority,
            Data = response.Request.Data,
        };

    private void NoSitemapsInRobotsTxt(Uri site)
    {
        Count("robots_txt_without_sitemaps");
        context.Logger.LogWarning("The robots.txt of {Site} lists no Sitemap: lines; no sitemaps to start from.", RobotsTxtCache.OriginOf(site));
    }

    private void Count(string name, long by = 1) => context.Stats.Custom.Increment(StatsPrefix + name, by);
}
