namespace Crawler.Abstractions.Http;

/// <summary>
/// Secrets (API keys, tokens) a spider adds to its documented API calls (<see cref="Request.Api"/>). They are
/// added by the innermost fetch stage, just before the request is sent, and taken out of what comes back, so they
/// never sit in a request the engine logs, schedules, persists in a frontier or records in failures.jsonl.
/// Use <see cref="Headers"/> where the API documents a header, <see cref="Query"/> where it only takes a query
/// parameter (xeno-canto's <c>key=</c>).
/// </summary>
public sealed record ApiCredentials
{
    private static readonly IReadOnlyDictionary<string, string> Nothing = new Dictionary<string, string>();

    public static ApiCredentials None { get; } = new();

    /// <summary>Headers added to every API call (for example <c>Authorization: Token …</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = Nothing;

    /// <summary>Query parameters appended to every API call's URL (for example <c>key</c>).</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = Nothing;

    public bool IsEmpty => Headers.Count == 0 && Query.Count == 0;

    /// <summary>The secret values, for scrubbing text that might quote them.</summary>
    internal IEnumerable<string> Values => Headers.Values.Concat(Query.Values).Where(v => v.Length > 0);
}
