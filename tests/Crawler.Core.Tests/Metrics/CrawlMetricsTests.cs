using System.Diagnostics.Metrics;
using AudioCrawl.Testing;
using Crawler.Core.Configuration;
using Crawler.Core.Engine;
using Crawler.Core.Metrics;
using Crawler.Core.Spiders;
using Crawler.Core.Tests.Engine;
using Xunit;

namespace Crawler.Core.Tests.Metrics;

/// <summary>The meter and its Prometheus text, read back after a crawl of a loopback site with a 404 among its links.</summary>
public sealed class CrawlMetricsTests : IAsyncLifetime
{
    private static readonly SpiderRegistry Registry = new([typeof(LinkSpider).Assembly]);
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync();
        _server.Page("/", "<html><body><h1>Home</h1><audio src=\"/a/1.wav\"></audio><a href=\"/p/2\">2</a><a href=\"/p/3\">3</a><a href=\"/status/404\">gone</a></body></html>");
        _server.Page("/p/2", "<html><body><h1>Two</h1><audio src=\"/a/2.wav\"></audio><a href=\"/\">home</a></body></html>");
        _server.Page("/p/3", "<html><body><h1>Three</h1><audio src=\"/a/3.wav\"></audio><audio src=\"/a/3.wav\"></audio></body></html>");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CrawlPlan Plan() => new CrawlPlanner(Registry, CrawlerConfig.Empty).Plan("links", [new("startUrls", _server.Url("/").AbsoluteUri), new("delay", "0")]);

    /// <summary>A meter scope that listens with a <see cref="MeterListener"/>, as an OpenTelemetry reader would.</summary>
    private sealed class ListeningScope : IMetricsCollector, IDisposable
    {
        private readonly MeterListener _listener = new();

        public ListeningScope()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, this))
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.Start();
        }

        /// <summary>Last value per instrument and tag set (observable counters), or every recorded value (the histogram).</summary>
        public Dictionary<string, double> Last { get; } = [];

        public List<(string Host, double Seconds)> Latencies { get; } = [];

        public string? SpiderTag { get; private set; }

        public void CollectBeforeClose(Meter meter) => _listener.RecordObservableInstruments();

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var key = instrument.Name;
            string? host = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "spider")
                    SpiderTag = (string?)tag.Value;
                else if (tag.Key == "host")
                    host = (string?)tag.Value;
                else
                    key += $"|{tag.Key}={tag.Value}";
            }
            lock (Last)
            {
                if (instrument is Histogram<double>)
                    Latencies.Add((host!, value));
                else
                    Last[key] = value;
            }
        }
    }

    [Fact]
    public async Task A_meter_listener_sees_the_same_figures_as_the_crawls_stats()
    {
        using var scope = new ListeningScope();

        var result = await TestCrawl.RunAsync(Plan(), [new CollectingSink()], host => host.AddMetrics(scope));

        var stats = result.Stats;
        Assert.Equal("links", scope.SpiderTag);
        Assert.Equal(stats.Requests, scope.Last["audiocrawl.requests"]);
        Assert.Equal(stats.Items, scope.Last["audiocrawl.items"]);
        Assert.Equal(stats.BytesReceived, scope.Last["audiocrawl.received"]);
        Assert.Equal(stats.ResponsesByStatus["200"], scope.Last["audiocrawl.responses|status=200"]);
        Assert.Equal(1, scope.Last["audiocrawl.responses|status=404"]);
        Assert.Equal(1, scope.Last["audiocrawl.errors|kind=http_404"]);
        Assert.Equal(stats.ItemsDroppedByReason["duplicate"], scope.Last["audiocrawl.items.dropped|reason=duplicate"]);
        Assert.Equal(stats.RequestsDroppedByReason["duplicate"], scope.Last["audiocrawl.requests.dropped|reason=duplicate"]);
        Assert.Equal(0, scope.Last["audiocrawl.queue"]);
        var host = _server.BaseUrl.Authority;
        Assert.Equal(stats.LatencyByHost![host].Count, scope.Latencies.Count(l => l.Host == host));
        Assert.True(stats.Requests >= 4);
    }

    [Fact]
    public async Task The_prometheus_text_has_help_type_totals_and_a_histogram_matching_the_stats()
    {
        using var exporter = new PrometheusExporter();

        var result = await TestCrawl.RunAsync(Plan(), [new CollectingSink()], host => host.AddMetrics(exporter));
        var text = exporter.Scrape();

        var samples = PrometheusSamples.Parse(text);
        var stats = result.Stats;
        var host = _server.BaseUrl.Authority;
        Assert.Contains("# TYPE audiocrawl_requests_total counter\n", text);
        Assert.Contains("# HELP audiocrawl_requests_total Requests sent", text);
        Assert.Contains("# TYPE audiocrawl_fetch_duration_seconds histogram\n", text);
        Assert.Contains("# TYPE audiocrawl_queue gauge\n", text);
        Assert.Equal(stats.Requests, samples["audiocrawl_requests_total{spider=\"links\"}"]);
        Assert.Equal(stats.Items, samples["audiocrawl_items_total{spider=\"links\"}"]);
        Assert.Equal(stats.BytesReceived, samples["audiocrawl_received_bytes_total{spider=\"links\"}"]);
        Assert.Equal(stats.ResponsesByStatus["200"], samples["audiocrawl_responses_total{spider=\"links\",status=\"200\"}"]);
        Assert.Equal(1, samples["audiocrawl_errors_total{kind=\"http_404\",spider=\"links\"}"]);
        var count = samples[$"audiocrawl_fetch_duration_seconds_count{{host=\"{host}\",spider=\"links\"}}"];
        Assert.Equal(stats.LatencyByHost![host].Count, count);
        Assert.Equal(count, samples[$"audiocrawl_fetch_duration_seconds_bucket{{host=\"{host}\",spider=\"links\",le=\"+Inf\"}}"]);
        var buckets = samples.Where(s => s.Key.StartsWith("audiocrawl_fetch_duration_seconds_bucket", StringComparison.Ordinal)).Select(s => s.Value).ToArray();
        Assert.Equal(12, buckets.Length);
        Assert.Equal(buckets.Order(), buckets);
        Assert.True(samples[$"audiocrawl_fetch_duration_seconds_sum{{host=\"{host}\",spider=\"links\"}}"] > 0);
    }
}
