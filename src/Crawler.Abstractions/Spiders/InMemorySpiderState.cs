using System.Globalization;

namespace Crawler.Abstractions.Spiders;

/// <summary>Spider state of this process only: what a crawl without a job directory or Redis keeps.</summary>
public sealed class InMemorySpiderState : JsonSpiderState
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    protected override ValueTask<string?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
            return ValueTask.FromResult(_values.GetValueOrDefault(key));
    }

    protected override ValueTask WriteAsync(string key, string json, CancellationToken cancellationToken)
    {
        lock (_gate)
            _values[key] = json;
        return ValueTask.CompletedTask;
    }

    protected override ValueTask<long> AddAsync(string key, long by, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var sum = (_values.TryGetValue(key, out var json) ? long.Parse(json, CultureInfo.InvariantCulture) : 0) + by;
            _values[key] = sum.ToString(CultureInfo.InvariantCulture);
            return ValueTask.FromResult(sum);
        }
    }
}
