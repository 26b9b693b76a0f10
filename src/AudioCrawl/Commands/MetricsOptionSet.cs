using System.CommandLine;
using System.Net;
using AudioCrawl.Running;
using Crawler.Core.Configuration;

namespace AudioCrawl.Commands;

/// <summary><c>--metrics-port</c> and <c>--metrics-bind</c>: a Prometheus endpoint while the command runs.</summary>
public sealed class MetricsOptionSet
{
    public Option<int?> Port { get; } = new("--metrics-port") { Description = "Serve Prometheus metrics at http://BIND:PORT/metrics while the command runs (0 picks a free port; the address is printed)." };

    public Option<string> Bind { get; } = new("--metrics-bind") { Description = "The address the metrics endpoint listens on (default 127.0.0.1, loopback only; 0.0.0.0 for every interface).", DefaultValueFactory = _ => "127.0.0.1" };

    public IEnumerable<Option> All => [Port, Bind];

    /// <summary>The endpoint, started, or null without --metrics-port.</summary>
    public async Task<MetricsEndpoint?> StartAsync(ParseResult parse, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        if (parse.GetValue(Port) is not { } port)
            return null;
        if (port is < 0 or > 65535)
            throw new ConfigurationException($"--metrics-port {port}: not a port number (0 to 65535).");
        var bind = parse.GetValue(Bind)!;
        if (!IPAddress.TryParse(bind, out var address))
            throw new ConfigurationException($"--metrics-bind {bind}: not an IP address (such as 127.0.0.1 or 0.0.0.0).");
        var endpoint = await MetricsEndpoint.StartAsync(address, port, cancellationToken).ConfigureAwait(false);
        await environment.Error.WriteLineAsync($"metrics: {endpoint.Url}").ConfigureAwait(false);
        return endpoint;
    }
}
