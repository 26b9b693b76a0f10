using System.Runtime.CompilerServices;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Spiders;

namespace Crawler.Core.Tests.Politeness;

public sealed record ApiCallSettings
{
    /// <summary>Requested as documented API calls.</summary>
    public IReadOnlyList<Uri> ApiUrls { get; init; } = [];

    /// <summary>Requested as ordinary pages.</summary>
    public IReadOnlyList<Uri> PageUrls { get; init; } = [];

    /// <summary>Sent as the query parameter <c>key</c> of every API call, when set.</summary>
    public string Key { get; init; } = "";
}

/// <summary>Requests its API URLs marked as API calls and its page URLs unmarked; keeps nothing.</summary>
[Spider("api-calls", "Requests API calls and pages, for the robots.txt rule of API calls.")]
public sealed class ApiCallSpider : Spider<ApiCallSettings>
{
    public override ApiCredentials Credentials =>
        Settings.Key.Length == 0 ? ApiCredentials.None : new ApiCredentials { Query = new Dictionary<string, string> { ["key"] = Settings.Key } };

    public override async IAsyncEnumerable<Request> StartRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var url in Settings.ApiUrls)
            yield return new Request(url) { Api = true };
        foreach (var url in Settings.PageUrls)
            yield return new Request(url);
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<SpiderOutput> Parse(Response response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }
}
