using Crawler.Abstractions.Http;

namespace Crawler.Core.Http;

/// <summary>
/// The innermost fetch stage: adds the spider's <see cref="ApiCredentials"/> to API calls on their way to the
/// transport, and takes them out again of the response (its request and final URL) and of any error, so the stages
/// above (retries, robots.txt, the engine, logs, failures.jsonl, stats) only ever see the request as scheduled.
/// </summary>
public sealed class CredentialsFetcher(IFetcher inner, ApiCredentials credentials) : IFetcher
{
    private const string Redacted = "[redacted]";

    public async ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default)
    {
        if (!request.Api || credentials.IsEmpty)
            return await inner.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        Response response;
        try
        {
            response = await inner.FetchAsync(WithCredentials(request), cancellationToken).ConfigureAwait(false);
        }
        catch (FetchException ex)
        {
            var message = ex.Message.StartsWith($"{ex.Url}: ", StringComparison.Ordinal) ? ex.Message[($"{ex.Url}: ").Length..] : ex.Message;
            throw new FetchException(ex.Kind, request.Url, Scrub(message), ex.InnerException);
        }
        return new Response(request, WithoutSecretQuery(response.Url), response.Status, response.Headers, response.Body) { NetworkAudio = response.NetworkAudio };
    }

    private Request WithCredentials(Request request)
    {
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in credentials.Headers)
            headers[name] = value;
        var url = request.Url;
        if (credentials.Query.Count > 0)
        {
            var added = string.Join('&', credentials.Query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
            var builder = new UriBuilder(url) { Query = url.Query.Length > 1 ? url.Query[1..] + "&" + added : added };
            url = builder.Uri;
        }
        return request with { Url = url, Headers = headers };
    }

    private Uri WithoutSecretQuery(Uri url)
    {
        if (credentials.Query.Count == 0 || url.Query.Length < 2)
            return url;
        var kept = url.Query[1..].Split('&').Where(pair => !credentials.Query.ContainsKey(Uri.UnescapeDataString(pair.Split('=', 2)[0])));
        var query = string.Join('&', kept);
        return new UriBuilder(url) { Query = query }.Uri;
    }

    private string Scrub(string text)
    {
        foreach (var value in credentials.Values)
            text = text.Replace(value, Redacted, StringComparison.Ordinal).Replace(Uri.EscapeDataString(value), Redacted, StringComparison.Ordinal);
        return text;
    }
}
