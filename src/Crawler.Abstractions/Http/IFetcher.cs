namespace Crawler.Abstractions.Http;

/// <summary>Turns a request into a response. HTTP and browser fetchers, and the decorators around them, share it.</summary>
public interface IFetcher
{
    /// <summary>Fetches one request; throws <see cref="FetchException"/> for failures that produced no response.</summary>
    ValueTask<Response> FetchAsync(Request request, CancellationToken cancellationToken = default);
}
