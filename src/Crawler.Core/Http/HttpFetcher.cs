using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Crawler.Abstractions.Http;
using Crawler.Core.Storage;

namespace Crawler.Core.Http;

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
            // Decoded by BodyDecoder, which limits the decoded size and notices a compressed body cut short.
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            // Redirects are followed here, not by the handler, to detect loops and refuse non-http(s) targets.
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Clear();
        _client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
        _client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Encoding", BodyDecoder.AcceptEncoding);
    }

    public async ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default)
    {
        if (request.Url.Scheme != Uri.UriSchemeHttp && request.Url.Scheme != Uri.UriSchemeHttps)
            throw new FetchException(FetchErrorKinds.UnsupportedScheme, request.Url, $"only http and https are fetched, not {request.Url.Scheme}.");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            var current = request;
            var visited = new HashSet<string>(StringComparer.Ordinal) { current.Url.AbsoluteUri };
            for (var hop = 0; ; hop++)
            {
                using var message = ToMessage(current);
                using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (current.FollowRedirects && _options.MaxRedirects > 0 && RedirectTarget(current, response) is { } target)
                {
                    if (hop >= _options.MaxRedirects)
                        throw new FetchException(FetchErrorKinds.TooManyRedirects, request.Url, $"more than {_options.MaxRedirects} redirects (last to {target}).");
                    if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
                        throw new FetchException(FetchErrorKinds.UnsupportedScheme, request.Url, $"redirected to {target}, which is not http or https.");
                    if (!visited.Add(target.AbsoluteUri))
                        throw new FetchException(FetchErrorKinds.RedirectLoop, request.Url, $"redirect loop: {target} was visited before, after {hop + 1} redirects.");
                    current = Follow(current, (int)response.StatusCode, target);
                    continue;
                }
                if (request.BodyFile is { } file && response.IsSuccessStatusCode && response.Content.Headers.ContentEncoding.Count == 0 && !IsHead(current))
                    return await StreamBodyAsync(request, current.Url, response, file, timeout.Token).ConfigureAwait(false);
                // A HEAD response has no body, whatever its Content-Encoding and Content-Length say (RFC 9110 §9.3.2).
                var body = IsHead(current)
                    ? ReadOnlyMemory<byte>.Empty
                    : BodyDecoder.Decode(request.Url, string.Join(',', response.Content.Headers.ContentEncoding), await ReadBodyAsync(request.Url, response.Content, timeout.Token).ConfigureAwait(false), _options.MaxBodyBytes);
                if (request.BodyFile is { } encodedFile && response.IsSuccessStatusCode)
                {
                    // A server that compressed the body although asked not to: decoded in memory (within the limit), then written.
                    await File.WriteAllBytesAsync(encodedFile, body.ToArray(), timeout.Token).ConfigureAwait(false);
                    return new Response(request, current.Url, (int)response.StatusCode, ResponseHeaders.From(response), body[..Math.Min(body.Length, StreamedHeadBytes)]) { BodyFile = encodedFile, BodyLength = body.Length };
                }
                return new Response(request, current.Url, (int)response.StatusCode, ResponseHeaders.From(response), body);
            }
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
        catch (InvalidDataException ex)
        {
            throw new FetchException(FetchErrorKinds.Decoding, request.Url, $"the body could not be decompressed: {ex.Message}", ex);
        }
    }

    private static Uri? RedirectTarget(Request request, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
            return null;
        var target = location.IsAbsoluteUri ? location : new Uri(request.Url, location);
        if (target.Fragment.Length == 0 && request.Url.Fragment.Length > 0)
            target = new UriBuilder(target) { Fragment = request.Url.Fragment[1..] }.Uri;
        return target;
    }

    /// <summary>301/302/303 turn a POST into a GET without a body (as browsers do); 307/308 keep method and body.</summary>
    private static Request Follow(Request request, int status, Uri target)
    {
        var keepMethod = status is 307 or 308 || request.Method is "GET" or "HEAD";
        return keepMethod
            ? request with { Url = target }
            : request with { Url = target, Method = "GET", Body = null };
    }

    public void Dispose() => _client.Dispose();

    private HttpRequestMessage ToMessage(Request request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (request.Body is { } body)
            message.Content = new ByteArrayContent(body);
        if (request.BodyFile is not null)
        {
            // Streamed to disk as it arrives: ask for the bytes as they are (audio is compressed already).
            message.Headers.Remove("Accept-Encoding");
            message.Headers.TryAddWithoutValidation("Accept-Encoding", "identity");
        }
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

    private static bool IsHead(Request request) => request.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);

    /// <summary>How much of a streamed body the response keeps in memory (for format sniffing).</summary>
    public const int StreamedHeadBytes = 4096;

    private async Task<Response> StreamBodyAsync(Request request, Uri finalUrl, HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var limit = _options.MaxBodyBytes;
        if (response.Content.Headers.ContentLength is { } declared && declared > limit)
            throw new FetchException(FetchErrorKinds.TooLarge, request.Url, $"the body is {declared} bytes, over the limit of {limit}.");
        var head = new byte[StreamedHeadBytes];
        var headLength = 0;
        long written = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var file = CreateBodyFile(path);
            while (true)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    break;
                written += read;
                if (written > limit)
                    throw new FetchException(FetchErrorKinds.TooLarge, request.Url, $"the body passed the limit of {limit} bytes; abandoned.");
                if (headLength < head.Length)
                {
                    var take = Math.Min(read, head.Length - headLength);
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                    headLength += take;
                }
                try
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    throw new StorageWriteException(path, ex, "; the download was abandoned");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return new Response(request, finalUrl, (int)response.StatusCode, ResponseHeaders.From(response), head.AsMemory(0, headLength)) { BodyFile = path, BodyLength = written };
    }

    /// <summary>
    /// A body file that cannot be written (a full disk) is a write failure of the caller's storage, not a connection
    /// error: it is not retried, and the request is not failed as if the server had dropped it.
    /// </summary>
    private static FileStream CreateBodyFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: true);
        }
        catch (IOException ex)
        {
            throw new StorageWriteException(path, ex);
        }
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
