using System.Collections.Concurrent;

namespace Crawler.Core.Scheduling;

/// <summary>
/// Keeps a crawl on its hosts. With no allowed domains configured, the hosts of the start requests are allowed;
/// "*" allows any host. A domain allows its subdomains.
/// </summary>
public sealed class OffsiteFilter
{
    private readonly ConcurrentDictionary<string, byte> _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _any;
    private readonly bool _learnFromStart;

    public OffsiteFilter(IEnumerable<string> configured)
    {
        foreach (var domain in configured.Select(d => d.Trim().TrimStart('.')).Where(d => d.Length > 0))
        {
            if (domain == "*")
                _any = true;
            else
                _domains[domain] = 0;
        }
        _learnFromStart = _domains.IsEmpty && !_any;
    }

    /// <summary>Called for every start request: when no domain was configured, its host becomes allowed.</summary>
    public void AddStartRequest(Uri url)
    {
        if (_learnFromStart)
            _domains.TryAdd(url.IdnHost, 0);
    }

    public bool Allows(Uri url)
    {
        if (_any)
            return true;
        var host = url.IdnHost;
        while (true)
        {
            if (_domains.ContainsKey(host))
                return true;
            var dot = host.IndexOf('.');
            if (dot < 0)
                return false;
            host = host[(dot + 1)..];
        }
    }
}
