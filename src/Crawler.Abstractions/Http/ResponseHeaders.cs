using System.Net.Http.Headers;

namespace Crawler.Abstractions.Http;

/// <summary>Response headers, looked up case-insensitively; content headers included.</summary>
public sealed class ResponseHeaders
{
    public static readonly ResponseHeaders Empty = new(new Dictionary<string, IReadOnlyList<string>>());

    private readonly Dictionary<string, IReadOnlyList<string>> _values;

    public ResponseHeaders(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> values)
    {
        _values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, list) in values)
            _values[name] = list;
    }

    public static ResponseHeaders From(HttpResponseMessage message)
    {
        var values = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var header in message.Headers)
            values.Add(new(header.Key, header.Value.ToArray()));
        foreach (var header in message.Content.Headers)
            values.Add(new(header.Key, header.Value.ToArray()));
        return new ResponseHeaders(values);
    }

    public IEnumerable<string> Names => _values.Keys;

    public string? this[string name] => _values.TryGetValue(name, out var list) && list.Count > 0 ? list[0] : null;

    public IReadOnlyList<string> GetValues(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public string? ContentType => this["Content-Type"];

    public string? MediaType =>
        MediaTypeHeaderValue.TryParse(ContentType, out var parsed) ? parsed.MediaType?.ToLowerInvariant() : null;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToDictionary() => _values;
}
