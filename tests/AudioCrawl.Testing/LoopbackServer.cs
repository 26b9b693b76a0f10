using System.Collections.Concurrent;
using System.Net;
using System.Text;
using AudioCrawl.SampleSite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AudioCrawl.Testing;

/// <summary>
/// Kestrel on 127.0.0.1 and 127.0.0.2 (two hosts, port 0 each): pages the test adds at any time, an optional
/// sample site, and fault routes. It records every request, hits per path, and the peak number of requests in
/// flight per host, so tests prove politeness and de-duplication from the server's side.
/// <list type="bullet">
/// <item><c>/status/{code}</c>, <c>/delay/{ms}</c>, <c>/drop</c> (connection reset), <c>/partial</c> (body cut short)</item>
/// <item><c>/redirect/{n}</c> (n hops then 200), <c>/redirect-loop</c>, <c>/retry-after/{seconds}</c> (429)</item>
/// <item><c>/flaky/{name}/{failures}</c> (500 for the first failures hits, then 200), <c>/large/{bytes}</c>, <c>/slow-body/{ms}</c></item>
/// </list>
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RequestDelegate> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _peak = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _inFlightUnder = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _peakUnder = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _log = new();
    private WebHost? _host;

    private LoopbackServer()
    {
    }

    public static readonly IPAddress SecondLoopback = IPAddress.Parse("127.0.0.2");

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl => _host!.Addresses[0];

    /// <summary>http://127.0.0.2:PORT/: the same server as another host.</summary>
    public Uri SecondHostUrl => _host!.Addresses[1];

    public IReadOnlyCollection<RecordedRequest> Log => _log.ToArray();

    /// <summary>Added before every response, to keep requests in flight long enough to observe or interrupt.</summary>
    public TimeSpan Latency { get; set; }

    public static async Task<LoopbackServer> StartAsync(ISampleSite? site = null)
    {
        var server = new LoopbackServer();
        server._host = await WebHost.StartAsync(app =>
        {
            app.Use(server.RecordAsync);
            app.Use(server.ServeAddedPagesAsync);
            MapFaults(app, server);
            site?.Map(app);
        }, [IPAddress.Loopback, SecondLoopback]);
        return server;
    }

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    public void Page(string path, string html, int status = 200) =>
        Handle(path, context => Write(context, status, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html)));

    public void Bytes(string path, byte[] body, string contentType, int status = 200) =>
        Handle(path, context => Write(context, status, contentType, body));

    public void Text(string path, string text, string contentType = "text/plain; charset=utf-8", int status = 200) =>
        Handle(path, context => Write(context, status, contentType, Encoding.UTF8.GetBytes(text)));

    public void Robots(string text) => Text("/robots.txt", text);

    /// <summary>Serves <paramref name="handler"/> for the exact path (and query, when the key has one).</summary>
    public void Handle(string pathAndQuery, RequestDelegate handler) => _pages[pathAndQuery] = handler;

    public int Hits(string pathAndQuery) => _hits.GetValueOrDefault(pathAndQuery);

    public int TotalHits => _hits.Values.Sum();

    public IReadOnlyDictionary<string, int> AllHits => new Dictionary<string, int>(_hits);

    /// <summary>The most requests that were in flight at once for a host (as in the Host header, without port).</summary>
    public int PeakConcurrency(string host) => _peak.GetValueOrDefault(host);

    /// <summary>The most requests at once whose path starts with the folder <paramref name="firstSegment"/> (such as "audio" for /audio/...), any host.</summary>
    public int PeakConcurrencyUnder(string firstSegment) => _peakUnder.GetValueOrDefault(firstSegment);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    private static Task Write(HttpContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        var host = context.Request.Host.Host;
        var pathAndQuery = context.Request.Path.Value + context.Request.QueryString.Value;
        _log.Enqueue(new RecordedRequest(context.Request.Method, host, pathAndQuery, context.Request.Headers.UserAgent.ToString(), DateTimeOffset.UtcNow)
        {
            Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        });
        _hits.AddOrUpdate(pathAndQuery, 1, (_, n) => n + 1);
        var now = _inFlight.AddOrUpdate(host, 1, (_, n) => n + 1);
        _peak.AddOrUpdate(host, now, (_, peak) => Math.Max(peak, now));
        var segment = (context.Request.Path.Value ?? "/").TrimStart('/').Split('/', 2)[0];
        var nowUnder = _inFlightUnder.AddOrUpdate(segment, 1, (_, n) => n + 1);
        _peakUnder.AddOrUpdate(segment, nowUnder, (_, peak) => Math.Max(peak, nowUnder));
        try
        {
            if (Latency > TimeSpan.Zero)
                await Task.Delay(Latency, context.RequestAborted);
            await next(context);
        }
        finally
        {
            _inFlight.AddOrUpdate(host, 0, (_, n) => n - 1);
            _inFlightUnder.AddOrUpdate(segment, 0, (_, n) => n - 1);
        }
    }

    private Task ServeAddedPagesAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        var withQuery = path + context.Request.QueryString.Value;
        if (_pages.TryGetValue(withQuery, out var handler) || _pages.TryGetValue(path, out handler))
            return handler(context);
        return next(context);
    }

    private static void MapFaults(IEndpointRouteBuilder app, LoopbackServer server)
    {
        app.MapGet("/status/{code:int}", (int code) => Results.Text($"status {code}", statusCode: code));
        app.MapGet("/delay/{ms:int}", async (int ms, HttpContext context) =>
        {
            await Task.Delay(ms, context.RequestAborted);
            return Results.Text($"<html><body>delayed {ms} ms</body></html>", "text/html");
        });
        app.MapGet("/drop", (HttpContext context) =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        app.MapGet("/partial", async (HttpContext context) =>
        {
            context.Response.ContentLength = 10_000;
            context.Response.ContentType = "text/html";
            await context.Response.Body.WriteAsync(new byte[100]);
            await context.Response.Body.FlushAsync();
            context.Abort();
        });
        app.MapGet("/redirect/{n:int}", (int n) => n <= 0 ? Results.Text("<html><body>arrived</body></html>", "text/html") : Results.Redirect($"/redirect/{n - 1}"));
        app.MapGet("/redirect-loop", () => Results.Redirect("/redirect-loop"));
        app.MapGet("/retry-after/{seconds:int}", (int seconds, HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Text("slow down", statusCode: 429);
        });
        var flaky = new ConcurrentDictionary<string, int>();
        app.MapGet("/flaky/{name}/{failures:int}", (string name, int failures) =>
        {
            var hit = flaky.AddOrUpdate(name, 1, (_, n) => n + 1);
            return hit <= failures ? Results.Text("try again", statusCode: 500) : Results.Text($"<html><body>ok after {failures}</body></html>", "text/html");
        });
        app.MapGet("/large/{bytes:long}", (long bytes) => Results.Bytes(new byte[bytes], "application/octet-stream"));
        app.MapGet("/slow-body/{ms:int}", async (int ms, HttpContext context) =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>");
            await context.Response.Body.FlushAsync();
            await Task.Delay(ms, context.RequestAborted);
            await context.Response.WriteAsync("done</body></html>");
        });
        _ = server;
    }
}
