using System.Buffers.Binary;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using AudioCrawl;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Crawler.Abstractions.Http;
using Crawler.Core.Engine;
using Crawler.Core.Metrics;
using Xunit;

namespace Reports.Tests;

/// <summary>A crawl of the loopback sound library with its audio packed, then its report, read back from the HTML and the PNGs.</summary>
public sealed class ReportCommandTests : IAsyncLifetime
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly TempDirectory _temp = new();
    private readonly SoundLibrarySite _site = new(new SoundCatalogue(40));
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(_site);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AudioCrawlCli.RunAsync(args, CliEnvironment.Capture(output, error));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_report_of_a_known_crawl_shows_its_stats_charts_downloads_and_shards_and_each_chart_as_a_png()
    {
        var stats = _temp.File("stats.json");
        var shards = _temp.File("shards");
        var crawl = await RunAsync("crawl", "sounds", "-o", _temp.File("pairs.csv"), "--set", $"baseUrl={_server.BaseUrl}", "--delay", "0.01", "--per-host", "2",
            "--webdataset", shards, "--samples-per-shard", "10", "--stats", stats, "--timeline-interval", "0.2");
        Assert.True(crawl.Code == 0, crawl.Error);
        var html = _temp.File("report.html");
        var png = _temp.File("png");

        var report = await RunAsync("report", stats, "--audio", shards, "-o", html, "--png", png);

        Assert.True(report.Code == 0, report.Error);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(stats));
        var expected = json.RootElement.GetProperty("stats");
        var expectedPairs = _site.ExpectedPairs(_server.BaseUrl).Count;
        var page = ReadXml(await File.ReadAllTextAsync(html));
        Assert.Empty(page.Descendants("script"));
        Assert.DoesNotContain(page.Descendants().Attributes(), a => a.Name.LocalName is "href" or "src");
        Assert.Equal(expected.GetProperty("requests").GetInt64().ToString(), Figure(page, "requests"));
        Assert.Equal(expected.GetProperty("responses").GetInt64().ToString(), Figure(page, "responses"));
        Assert.Equal(expectedPairs.ToString(), Figure(page, "items"));
        Assert.Equal(expected.GetProperty("bytesReceived").GetInt64().ToString(), Figure(page, "bytes"));
        Assert.Equal(expectedPairs.ToString(), Figure(page, "samples-packed"));
        Assert.Equal(((expectedPairs + 9) / 10).ToString(), Figure(page, "shards"));

        var charts = page.Descendants(Svg + "svg").ToDictionary(s => (string)s.Attribute("id")!);
        var statuses = expected.GetProperty("responsesByStatus").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64().ToString());
        Assert.Equal(statuses, Bars(charts["chart-status"]).ToDictionary(b => b.Label, b => b.Value));
        Assert.Equal(expectedPairs.ToString(), Bars(charts["chart-callbacks"]).Sum(b => long.Parse(b.Value)).ToString());
        Assert.Single(Bars(charts["chart-latency"]));
        Assert.Equal(expectedPairs, Bars(charts["chart-durations"]).Sum(b => long.Parse(b.Value)));
        var timeline = await TimelineFile.ReadAsync(TimelineFile.Beside(stats));
        Assert.Equal(ReportFigures.Rates(timeline).Count, charts["chart-rates"].Descendants(Svg + "circle").Count(c => (string?)c.Attribute("class") == "point") / 2);
        Assert.Equal(expected.GetProperty("requests").GetInt64(), timeline[^1].Requests);
        Assert.Equal(((expectedPairs + 9) / 10), page.Descendants("table").Single(t => (string?)t.Attribute("id") == "table-shards").Element("tbody")!.Elements("tr").Count());

        var pngs = Directory.GetFiles(png, "*.png").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        Assert.Equal(charts.Keys.Select(k => k["chart-".Length..]).Order(), pngs);
        foreach (var file in Directory.GetFiles(png))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
            Assert.Equal((720, 300), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
        }
    }

    [Fact]
    public async Task A_job_directory_is_reported_from_the_last_point_of_its_time_series()
    {
        var job = _temp.File("job");
        var crawl = await RunAsync("crawl", "sounds", "-o", _temp.File("pairs.csv"), "--set", $"baseUrl={_server.BaseUrl}", "--delay", "0", "--job-dir", job);
        Assert.True(crawl.Code == 0, crawl.Error);
        var html = _temp.File("job-report.html");

        var report = await RunAsync("report", job, "-o", html);

        Assert.True(report.Code == 0, report.Error);
        var last = (await TimelineFile.ReadAsync(Path.Combine(job, TimelineFile.FileName)))[^1];
        var page = ReadXml(await File.ReadAllTextAsync(html));
        Assert.Equal(last.Requests.ToString(), Figure(page, "requests"));
        Assert.Equal(_site.ExpectedPairs(_server.BaseUrl).Count.ToString(), Figure(page, "items"));
        Assert.Equal("finished", last.FinishReason);
        Assert.Contains("sounds", page.Descendants("h1").Single().Value);
    }

    [Fact]
    public async Task Damaged_lines_of_a_jobs_timeline_and_failures_are_left_out_with_a_warning_naming_each()
    {
        var job = _temp.File("job");
        var crawl = await RunAsync("crawl", "sounds", "-o", _temp.File("pairs.csv"), "--set", $"baseUrl={_server.BaseUrl}", "--delay", "0", "--job-dir", job);
        Assert.True(crawl.Code == 0, crawl.Error);
        var timeline = Path.Combine(job, TimelineFile.FileName);
        var points = await File.ReadAllLinesAsync(timeline);
        await File.WriteAllLinesAsync(timeline, [points[0], "{\"t\":\"2026-12-0", .. points]);
        var failures = Path.Combine(job, "failures.jsonl");
        var failure = JsonSerializer.Serialize(new FailureRecord(DateTimeOffset.UnixEpoch, "http_500", "m", new Request(new Uri("http://127.0.0.1/x"))));
        await File.WriteAllTextAsync(failures, $"not json\n{failure}\n");

        var report = await RunAsync("report", job, "-o", _temp.File("job-report.html"));

        Assert.True(report.Code == 0, report.Error);
        Assert.Contains($"warning: {timeline}: line 2 is not a time series point", report.Error, StringComparison.Ordinal);
        Assert.Contains($"warning: {failures}: line 1 is not a failure record", report.Error, StringComparison.Ordinal);
        var page = ReadXml(await File.ReadAllTextAsync(_temp.File("job-report.html")));
        Assert.Equal(_site.ExpectedPairs(_server.BaseUrl).Count.ToString(), Figure(page, "items"));
    }

    [Fact]
    public async Task A_missing_or_foreign_source_is_a_usage_error_naming_it()
    {
        var notStats = _temp.File("other.json");
        await File.WriteAllTextAsync(notStats, "[1, 2]");

        var missing = await RunAsync("report", _temp.File("nope.json"), "-o", _temp.File("r.html"));
        var foreign = await RunAsync("report", notStats, "-o", _temp.File("r.html"));

        Assert.NotEqual(0, missing.Code);
        Assert.Contains("nope.json", missing.Error);
        Assert.NotEqual(0, foreign.Code);
        Assert.Contains("other.json", foreign.Error);
    }

    private static XDocument ReadXml(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static string Figure(XDocument page, string id) =>
        page.Descendants("dd").Single(d => (string?)d.Attribute("id") == $"figure-{id}").Value;

    private static IEnumerable<(string Label, string Value)> Bars(XElement svg) =>
        svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").Select(r => ((string)r.Attribute("data-label")!, (string)r.Attribute("data-value")!));
}
