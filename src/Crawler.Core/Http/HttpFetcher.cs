using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace AudioCrawl.Core.Http;

/// <summary>
/// Fetches over one pooled <see cref="HttpClient"/>: automatic gzip, deflate and brotli, pooled connections,
/// a time limit per request and a limit on the body size.
/// </summary>
public sealed class HttpFetcher : IFetcher, IDisposable
{
    private readonly HttpClient _client;
    private readonly HttpFetcherOptions _options;

    public HttpFetcher(HttpFetcherOptions options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            AllowAutoRedirect = options.MaxRedirects > 0,
            MaxAutomaticRedirections = Math.Max(options.MaxRedirects, 1),
            UseCookies = true,
            CookieContainer = new CookieContainer(),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Clear();
        _client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
    }

    public async ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default)
    {
        if (request.Url.Scheme != Uri.UriSchemeHttp && request.Url.Scheme != Uri.UriSchemeHttps)
            throw new FetchException(FetchErrorKinds.UnsupportedScheme, request.Url, $"only http and https are fetched, not {request.Url.Scheme}.");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var message = ToMessage(request);
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(request.Url, response.Content, timeout.Token).ConfigureAwait(false);
            var finalUrl = response.RequestMessage?.RequestUri ?? request.Url;
            return new Response(request, finalUrl, (int)response.StatusCode, ResponseHeaders.From(response), body);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchException(FetchErrorKinds.Timeout, request.Url, $"no complete response within {_options.RequestTimeout.TotalSeconds:0.#} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new FetchException(KindOf(ex), request.Url, ex.Message, ex);
        }
        catch (IOException ex)
        {
            throw new FetchException(FetchErrorKinds.Connection, request.Url, $"connection failed while reading: {ex.Message}", ex);
        }
    }

    public void Dispose() => _client.Dispose();

    private HttpRequestMessage ToMessage(Request request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (request.Body is { } body)
            message.Content = new ByteArrayContent(body);
        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return message;
    }

    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(Uri url, HttpContent content, CancellationToken cancellationToken)
    {
        var limit = _options.MaxBodyBytes;
        if (content.Headers.ContentLength is { } declared && declared > limit)
            throw new FetchException(FetchErrorKinds.TooLarge, url, $"the body is {declared} bytes, over the limit of {limit}.");

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // One spare byte past a declared length lets the final zero-byte read land without regrowing (doubling) the buffer.
        var expected = content.Headers.ContentLength is { } length and > 0 ? (int)Math.Min(length, limit) : 0;
        var buffer = new ArrayBufferWriter<byte>(expected > 0 ? expected + 1 : 16 * 1024);
        while (true)
        {
            var memory = buffer.GetMemory(expected > 0 && buffer.FreeCapacity > 0 ? 1 : 16 * 1024);
            var read = await stream.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
                break;
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
                throw new FetchException(FetchErrorKinds.TooLarge, url, $"the body passed the limit of {limit} bytes; abandoned.");
        }
        return buffer.WrittenMemory;
    }

    private static string KindOf(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => FetchErrorKinds.Dns,
        HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded => FetchErrorKinds.Connection,
        HttpRequestError.InvalidResponse or HttpRequestError.SecureConnectionError => FetchErrorKinds.Protocol,
        _ when ex.InnerException is SocketException => FetchErrorKinds.Connection,
        _ => FetchErrorKinds.Connection,
    };
}
