using System.Collections.Concurrent;
using System.Net.Sockets;
using AudioCrawl.SampleSite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace AudioCrawl.FaultSuite.Proxy;

/// <summary>
/// An HTTP/1.1 reverse proxy on 127.0.0.1 (Kestrel, port 0) in front of one upstream, which injects the faults its
/// <see cref="Plan"/> decides: dropped and reset connections, stalls, slow, stalled and truncated bodies, 5xx.
/// Bodies are read from the upstream whole, then sent with their exact Content-Length (or less of it).
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly string[] HopByHop = ["Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Upgrade", "Proxy-Connection", "TE", "Trailer"];
    private static readonly int[] ServerErrors = [500, 502, 503, 504];

    /// <summary>A flush hands the half body to Kestrel's transport, not yet to the socket: closing at once could discard it.</summary>
    private static readonly TimeSpan TruncateGrace = TimeSpan.FromMilliseconds(50);

    private readonly Uri _upstream;
    private readonly HttpClient _client;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<FaultKind, int> _injected = new();
    private FaultPlan _plan = FaultPlan.None;
    private int _forwarded;
    private WebHost? _host;

    private FaultProxy(Uri upstream)
    {
        _upstream = upstream;
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseProxy = false,
        })
        { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>http://127.0.0.1:PORT/: give this to the crawler as its base URL.</summary>
    public Uri BaseUrl => _host!.BaseUrl;

    /// <summary>The faults to inject from now on. Setting a plan forgets how often each request was seen.</summary>
    public FaultPlan Plan
    {
        get => Volatile.Read(ref _plan);
        set
        {
            _attempts.Clear();
            _injected.Clear();
            Interlocked.Exchange(ref _forwarded, 0);
            Volatile.Write(ref _plan, value);
        }
    }

    /// <summary>Faults injected since the plan was set, by kind.</summary>
    public IReadOnlyDictionary<FaultKind, int> Injected => new Dictionary<FaultKind, int>(_injected);

    /// <summary>Requests answered from the upstream since the plan was set (faithfully or slowed).</summary>
    public int Forwarded => Volatile.Read(ref _forwarded);

    public static async Task<FaultProxy> StartAsync(Uri upstream, int port = 0, CancellationToken cancellationToken = default)
    {
        var proxy = new FaultProxy(upstream);
        proxy._host = await WebHost.StartAsync(app => app.Run(proxy.HandleAsync), port: port, cancellationToken: cancellationToken).ConfigureAwait(false);
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var plan = Plan;
        var request = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}";
        var attempt = _attempts.AddOrUpdate(request, 0, (_, seen) => seen + 1);
        var fault = plan.Decide(request, attempt);
        if (fault is { } injected)
            _injected.AddOrUpdate(injected, 1, (_, count) => count + 1);
        var aborted = context.RequestAborted;
        switch (fault)
        {
            case FaultKind.Drop:
                Drop(context);
                return;
            case FaultKind.Reset:
                Reset(context);
                return;
            case FaultKind.ServerError:
                context.Response.StatusCode = ServerErrors[plan.Pick(request, attempt, ServerErrors.Length)];
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("injected by the fault proxy", aborted).ConfigureAwait(false);
                return;
            case FaultKind.Stall when !await PauseAsync(plan.Stall, aborted).ConfigureAwait(false):
                return;
        }

        using var upstream = await _client.SendAsync(Forward(context), HttpCompletionOption.ResponseContentRead, aborted).ConfigureAwait(false);
        var body = await upstream.Content.ReadAsByteArrayAsync(aborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)upstream.StatusCode;
        foreach (var header in upstream.Headers.Concat(upstream.Content.Headers))
        {
            if (!HopByHop.Contains(header.Key, StringComparer.OrdinalIgnoreCase))
                context.Response.Headers[header.Key] = header.Value.ToArray();
        }
        context.Response.ContentLength = body.Length;
        Interlocked.Increment(ref _forwarded);
        var half = body.Length / 2;
        switch (fault)
        {
            case FaultKind.Truncate:
                await context.Response.Body.WriteAsync(body.AsMemory(0, half), aborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                await PauseAsync(TruncateGrace, aborted).ConfigureAwait(false);
                Drop(context);
                return;
            case FaultKind.StallBody:
                await context.Response.Body.WriteAsync(body.AsMemory(0, half), aborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                if (!await PauseAsync(plan.Stall, aborted).ConfigureAwait(false))
                    return;
                await context.Response.Body.WriteAsync(body.AsMemory(half), aborted).ConfigureAwait(false);
                return;
            case FaultKind.SlowBody:
                const int pieces = 8;
                var size = Math.Max(1, (body.Length + pieces - 1) / pieces);
                for (var offset = 0; offset < body.Length; offset += size)
                {
                    await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(size, body.Length - offset)), aborted).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                    if (!await PauseAsync(plan.SlowPause, aborted).ConfigureAwait(false))
                        return;
                }
                return;
            default:
                await context.Response.Body.WriteAsync(body, aborted).ConfigureAwait(false);
                return;
        }
    }

    private HttpRequestMessage Forward(HttpContext context)
    {
        var message = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_upstream, $"{context.Request.Path}{context.Request.QueryString}"));
        foreach (var header in context.Request.Headers)
        {
            if (!HopByHop.Contains(header.Key, StringComparer.OrdinalIgnoreCase) && !header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
                message.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }
        return message;
    }

    /// <summary>A FIN first: Kestrel's abort alone may reset a connection with unread input.</summary>
    private static void Drop(HttpContext context)
    {
        try
        {
            context.Features.Get<IConnectionSocketFeature>()?.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
        context.Abort();
    }

    /// <summary>Linger 0 makes closing the socket send a RST instead of a FIN.</summary>
    private static void Reset(HttpContext context)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is Socket socket)
            socket.LingerState = new LingerOption(true, 0);
        context.Abort();
    }

    /// <returns>false when the client gave up during the pause.</returns>
    private static async Task<bool> PauseAsync(TimeSpan pause, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(pause, aborted).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }
}
