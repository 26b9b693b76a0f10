using System.CommandLine;
using System.Globalization;
using Crawler.Core.Configuration;

namespace AudioCrawl.Commands;

/// <summary>The engine flags shared by commands that crawl; each becomes a command-line setting layered over crawlers.json.</summary>
public sealed class EngineOptions
{
    public Option<int?> Concurrency { get; } = new("--concurrency") { Description = "Requests in flight at once, across all hosts." };

    public Option<int?> PerHost { get; } = new("--per-host") { Description = "Requests in flight at once to one host." };

    public Option<double?> Delay { get; } = new("--delay") { Description = "Seconds between requests to the same host (0 allowed)." };

    public Option<long?> MaxRequests { get; } = new("--max-requests") { Description = "Stop after this many requests." };

    public Option<bool> AllowEmpty { get; } = new("--allow-empty") { Description = "Accept a crawl that finds nothing: exit 0 instead of 4 when no pair came of the pages fetched or contracts failed on most pages." };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "key=value: any spider or engine setting (repeatable); lists are comma-separated.",
        AllowMultipleArgumentsPerToken = false,
    };

    public IEnumerable<Option> All => [Concurrency, PerHost, Delay, MaxRequests, AllowEmpty, Set];

    /// <summary>The command-line layer of settings: the flags first, then every --set in order (a later one wins).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Overrides(ParseResult parse)
    {
        var overrides = new List<KeyValuePair<string, string>>();
        void Add(string key, object? value)
        {
            if (value is not null)
                overrides.Add(new(key, Convert.ToString(value, CultureInfo.InvariantCulture)!));
        }
        Add("concurrency", parse.GetValue(Concurrency));
        Add("perHost", parse.GetValue(PerHost));
        Add("delay", parse.GetValue(Delay));
        Add("maxRequests", parse.GetValue(MaxRequests));
        if (parse.GetValue(AllowEmpty))
            Add("allowEmpty", "true");
        foreach (var pair in parse.GetValue(Set) ?? [])
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
                throw new ConfigurationException($"--set {pair}: expected key=value, for example --set baseUrl=http://127.0.0.1:8080");
            overrides.Add(new(pair[..equals].Trim(), pair[(equals + 1)..]));
        }
        return overrides;
    }
}
