using System.Net;
using System.Security.Cryptography;
using System.Text;
using AudioCrawl.SampleSite;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AudioCrawl.Dashboard;

/// <summary>
/// <c>audiocrawl serve</c>'s web server (Kestrel): the embedded page, <c>/api/runs</c> (runs and jobs with their
/// status), <c>/api/job?path=</c> (a job's summary, newest failures and the --retry-failed command) and
/// <c>/api/live?path=</c>, a server-sent event stream relaying what the running crawl pushes on its live feed. The
/// dashboard itself reads no file on a timer: each browser's stream is one connection to the crawl's socket.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    public const string TokenCookie = "audiocrawl_token";
    public const int FailuresShown = 200;

    private readonly WebHost _host;

    private DashboardServer(WebHost host)
    {
        _host = host;
    }

    /// <summary>http://ADDRESS:PORT/ as bound (port 0 becomes the one picked).</summary>
    public Uri BaseUrl => _host.BaseUrl;

    public static async Task<DashboardServer> StartAsync(DashboardOptions options, CancellationToken cancellationToken = default)
    {
        if (!IPAddress.IsLoopback(options.Bind) && string.IsNullOrEmpty(options.Token))
            throw new ConfigurationException($"--bind {options.Bind}: the dashboard would be reachable from other machines; pass --token T (and open the page as /?token=T), or bind to 127.0.0.1.");
        if (options.StateDirectory is null && options.JobDirectories.Count == 0)
            throw new ConfigurationException("serve: nothing to show; pass --state-dir DIR and/or --job-dir DIR.");
        var catalog = new DashboardCatalog(options);
        var host = await WebHost.StartAsync(app => Map(app, options, catalog), [options.Bind], options.Port, cancellationToken).ConfigureAwait(false);
        return new DashboardServer(host);
    }

    private static void Map(WebApplication app, DashboardOptions options, DashboardCatalog catalog)
    {
        if (!string.IsNullOrEmpty(options.Token))
            app.Use(RequireToken(options.Token));
        app.MapGet("/", context => ServeAssetAsync(context, "index.html"));
        app.MapGet("/assets/{name}", (HttpContext context, string name) => ServeAssetAsync(context, name));
        app.MapGet("/api/runs", async (CancellationToken aborted) =>
            Results.Json(new { runs = await catalog.RunsAsync(aborted), jobs = await catalog.JobsAsync(aborted) }, LiveJson.Options));
        app.MapGet("/api/job", async (HttpContext context, string path) =>
        {
            if (!catalog.Shows(path))
                return Results.NotFound(new { error = $"{path} is not a job directory this dashboard shows." });
            var job = await catalog.JobAsync(path, context.RequestAborted);
            var failures = await FailureTail.ReadAsync(Path.Combine(job.Path, FailureLog.FileName), FailuresShown, context.RequestAborted);
            return Results.Json(new
            {
                job,
                failures = new { total = failures.Total, newest = failures.Newest.Select(f => new { f.Time, f.Reason, f.Message, url = f.Request.Url.AbsoluteUri }) },
                retryCommand = RetryCommand.For(job.Summary?.Arguments ?? job.Live?.Arguments ?? []),
            }, LiveJson.Options);
        });
        app.MapGet("/api/live", (HttpContext context, string path) => catalog.Shows(path) ? RelayAsync(context, path) : NotShownAsync(context, path));
    }

    private static async Task ServeAssetAsync(HttpContext context, string name)
    {
        if (await DashboardAssets.ReadAsync(name, context.RequestAborted) is not { } asset)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = asset.ContentType;
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.WriteAsync(asset.Body, context.RequestAborted);
    }

    /// <summary>One SSE stream per browser: every line the crawl sends becomes a <c>data:</c> event; <c>ended</c> when it stops.</summary>
    private static async Task RelayAsync(HttpContext context, string path)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 3000\n\n", context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await foreach (var line in LiveFeedReader.ReadLinesAsync(path, context.RequestAborted))
            {
                await response.WriteAsync("data: " + line + "\n\n", context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
            }
            await response.WriteAsync("event: ended\ndata: {}\n\n", context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // the browser closed the page
        }
    }

    private static Task NotShownAsync(HttpContext context, string path)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return context.Response.WriteAsync($"{path} is not a job directory this dashboard shows.", context.RequestAborted);
    }

    /// <summary>The token in ?token= (then kept in a cookie, so the page's own requests carry it), the cookie, or a Bearer header.</summary>
    private static Func<HttpContext, RequestDelegate, Task> RequireToken(string token)
    {
        var expected = Encoding.UTF8.GetBytes(token);
        bool Matches(string? given) => given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected);
        return async (context, next) =>
        {
            var request = context.Request;
            var bearer = request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
            if (Matches(request.Query["token"]))
                context.Response.Cookies.Append(TokenCookie, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            else if (!Matches(request.Cookies[TokenCookie]) && !Matches(bearer))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync("This dashboard needs its token: open it as /?token=T.", context.RequestAborted);
                return;
            }
            await next(context);
        };
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
