using System.Net;
using System.Net.Sockets;
using AudioCrawl.FaultSuite.Proxy;
using AudioCrawl.Testing;
using Xunit;

namespace AudioCrawl.Tests.Faults;

/// <summary>The fault proxy against a real upstream and a real HttpClient: each fault does to the client what its name says.</summary>
public sealed class FaultProxyTests : IAsyncLifetime
{
    private static readonly byte[] Body = Enumerable.Range(0, 20_000).Select(i => (byte)(i % 251)).ToArray();
    private LoopbackServer _upstream = null!;
    private FaultProxy _proxy = null!;
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, UseProxy = false });

    public async Task InitializeAsync()
    {
        _upstream = await LoopbackServer.StartAsync();
        _upstream.Bytes("/file.bin", Body, "application/octet-stream");
        _proxy = await FaultProxy.StartAsync(_upstream.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _proxy.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private void Inject(FaultKind kind, TimeSpan? stall = null) =>
        _proxy.Plan = new FaultPlan(7, 1) { Kinds = [kind], Stall = stall ?? TimeSpan.FromSeconds(4) };

    [Fact]
    public async Task Forwards_status_headers_and_body_faithfully_without_a_plan()
    {
        using var response = await _client.GetAsync(new Uri(_proxy.BaseUrl, "file.bin?x=1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Body, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, _upstream.Hits("/file.bin?x=1"));
        Assert.Empty(_proxy.Injected);
    }

    [Fact]
    public async Task A_reset_fault_resets_the_connection_before_any_byte()
    {
        Inject(FaultKind.Reset);

        var (received, error) = await RawGetAsync("/file.bin");

        Assert.Empty(received);
        Assert.Equal(SocketError.ConnectionReset, error?.SocketErrorCode);
        Assert.Equal(1, _proxy.Injected[FaultKind.Reset]);
        Assert.Equal(0, _upstream.Hits("/file.bin"));
    }

    [Fact]
    public async Task A_drop_fault_closes_the_connection_before_any_byte_without_a_reset()
    {
        Inject(FaultKind.Drop);

        var (received, error) = await RawGetAsync("/file.bin");

        Assert.Empty(received);
        Assert.Null(error);
        Assert.Equal(0, _upstream.Hits("/file.bin"));
    }

    [Fact]
    public async Task A_truncated_body_announces_its_full_length_and_ends_halfway()
    {
        Inject(FaultKind.Truncate);

        var (received, _) = await RawGetAsync("/file.bin");

        var text = System.Text.Encoding.Latin1.GetString(received);
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(headEnd > 0, text);
        Assert.Contains($"Content-Length: {Body.Length}", text[..headEnd], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Body.Length / 2, received.Length - headEnd - 4);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _client.GetByteArrayAsync(new Uri(_proxy.BaseUrl, "file.bin")));
    }

    [Fact]
    public async Task A_server_error_fault_answers_a_5xx_without_asking_the_upstream()
    {
        Inject(FaultKind.ServerError);

        using var response = await _client.GetAsync(new Uri(_proxy.BaseUrl, "file.bin"));

        Assert.Contains((int)response.StatusCode, new[] { 500, 502, 503, 504 });
        Assert.Equal(0, _upstream.Hits("/file.bin"));
    }

    [Fact]
    public async Task A_stall_outlasts_the_client_timeout_before_the_headers()
    {
        Inject(FaultKind.Stall);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.GetAsync(new Uri(_proxy.BaseUrl, "file.bin"), timeout.Token));
    }

    [Fact]
    public async Task A_stalled_body_sends_the_headers_and_half_then_goes_silent()
    {
        Inject(FaultKind.StallBody);
        using var response = await _client.GetAsync(new Uri(_proxy.BaseUrl, "file.bin"), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.CopyToAsync(received, timeout.Token));

        Assert.Equal(Body.Length / 2, received.Length);
    }

    [Fact]
    public async Task A_stall_shorter_than_the_client_timeout_ends_in_the_whole_body()
    {
        Inject(FaultKind.StallBody, TimeSpan.FromMilliseconds(200));

        Assert.Equal(Body, await _client.GetByteArrayAsync(new Uri(_proxy.BaseUrl, "file.bin")));
    }

    [Fact]
    public async Task A_slow_body_arrives_complete_in_pieces()
    {
        Inject(FaultKind.SlowBody);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var body = await _client.GetByteArrayAsync(new Uri(_proxy.BaseUrl, "file.bin"));

        Assert.Equal(Body, body);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(7 * 40), $"took only {clock.Elapsed}");
    }

    [Fact]
    public async Task No_request_is_faulted_more_than_twice_so_the_third_attempt_gets_the_page()
    {
        _proxy.Plan = new FaultPlan(3, 1) { Kinds = [FaultKind.ServerError] };
        var statuses = new List<int>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await _client.GetAsync(new Uri(_proxy.BaseUrl, "file.bin"));
            statuses.Add((int)response.StatusCode);
        }

        Assert.All(statuses.Take(2), s => Assert.True(s >= 500));
        Assert.Equal([200, 200], statuses.Skip(2));
    }

    /// <summary>One GET on a fresh socket, read to its end: the bytes that came and the socket error that ended it, if any.</summary>
    private async Task<(byte[] Received, SocketException? Error)> RawGetAsync(string path)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(_proxy.BaseUrl.Host, _proxy.BaseUrl.Port);
        await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {_proxy.BaseUrl.Authority}\r\n\r\n"));
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
                received.Write(buffer, 0, read);
            return (received.ToArray(), null);
        }
        catch (SocketException error)
        {
            return (received.ToArray(), error);
        }
    }
}
