using System.Net;
using AudioCrawl.SampleSite;
using Crawler.Core.Configuration;
using Crawler.Core.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AudioCrawl.Running;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format, served by Kestrel for as long as the command runs: the metrics
/// of every crawl host the command builds through <see cref="Attach"/>.
/// </summary>
public sealed class MetricsEndpoint : IAsyncDisposable
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly WebHost _server;

    private MetricsEndpoint(WebHost server, PrometheusExporter exporter)
    {
        _server = server;
        Exporter = exporter;
    }

    public PrometheusExporter Exporter { get; }

    public Uri Url => new(_server.BaseUrl, "metrics");

    public static async Task<MetricsEndpoint> StartAsync(IPAddress address, int port, CancellationToken cancellationToken = default)
    {
        var exporter = new PrometheusExporter();
        try
        {
            var server = await WebHost.StartAsync(app => app.MapGet("/metrics", () => Results.Text(exporter.Scrape(), ContentType)), [address], port, cancellationToken).ConfigureAwait(false);
            return new MetricsEndpoint(server, exporter);
        }
        catch (IOException ex)
        {
            exporter.Dispose();
            throw new ConfigurationException($"--metrics-port {port}: cannot listen on {address} ({ex.Message}).");
        }
    }

    /// <summary><paramref name="environment"/>, with every crawl host it builds reporting its metrics here.</summary>
    public CliEnvironment Attach(CliEnvironment environment) => environment with
    {
        ConfigureHost = builder =>
        {
            environment.ConfigureHost?.Invoke(builder);
            builder.AddMetrics(Exporter);
        },
    };

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        Exporter.Dispose();
    }
}
