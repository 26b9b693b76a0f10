using System.Text.Json;
using AudioCrawl.SampleSite;
using AudioCrawl.SampleSite.Sounds;
using AudioCrawl.Testing;
using Crawler.Core.Runs;
using Sinks.Download;
using Xunit;

namespace AudioCrawl.Tests;

/// <summary>
/// One test per exit code per command where the code is reachable (README's table): 0 finished, 1 failed at run
/// time, 2 bad usage or configuration (nothing done), 3 another run holds the lock, 4 finished but found nothing.
/// Each case runs the in-process CLI against the sample sound site on loopback, in a fresh folder.
/// </summary>
public sealed class ExitCodeTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private LoopbackServer _site = null!;
    private LoopbackServer _changedSite = null!;
    private RunLock? _heldLock;
    private readonly List<TmpfsMount> _mounts = [];

    public async Task InitializeAsync()
    {
        _site = await LoopbackServer.StartAsync(new SoundLibrarySite(new SoundCatalogue(6)));
        _changedSite = await LoopbackServer.StartAsync(new SoundLibrarySite(new SoundCatalogue(6)) { CategoriesWithoutLinks = true });
        System.IO.File.WriteAllText(_temp.File("crawlers.json"), "{}");
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await _changedSite.DisposeAsync();
        _heldLock?.Dispose();
        _mounts.ForEach(mount => mount.Dispose());
        _temp.Dispose();
    }

    public static TheoryData<string, int, string> Cases => new()
    {
        { "crawl", 0, "crawls the sample site" },
        { "crawl", 1, "no request gets a response" },
        { "crawl", 1, "an unexpected error at the end: --stats is a folder" },
        { "crawl", 2, "an unknown spider" },
        { "crawl", 2, "an unknown option" },
        { "crawl", 4, "the site changed: no pair" },
        { "demo", 0, "crawls the built-in sample sites" },
        { "demo", 1, "its output is on a full disk" },
        { "demo", 2, "a missing --config" },
        { "run-once", 0, "one run of the sample site" },
        { "run-once", 1, "no request gets a response" },
        { "run-once", 2, "an unknown spider" },
        { "run-once", 3, "another run holds the lock" },
        { "run-once", 4, "the site changed: no pair" },
        { "schedule", 0, "stopped (SIGTERM)" },
        { "schedule", 2, "no spider has a schedule" },
        { "download", 0, "a good row and a bad one" },
        { "download", 1, "no usable row can be downloaded" },
        { "download", 2, "every row is bad" },
        { "download", 2, "the csv has no text column" },
        { "pack", 0, "a folder of samples and a bad one" },
        { "pack", 1, "the shard folder is on a full disk" },
        { "pack", 2, "every sample is bad" },
        { "pack", 2, "no such folder" },
        { "merge", 0, "two parts and a bad row" },
        { "merge", 1, "the output is on a full disk" },
        { "merge", 2, "every row is bad" },
        { "merge", 2, "a part is missing" },
        { "export", 0, "the runs of a spider" },
        { "export", 1, "the output is on a full disk" },
        { "export", 2, "a spider without runs" },
        { "report", 0, "the report of a crawl's stats" },
        { "report", 1, "an unexpected error: -o is a folder" },
        { "report", 2, "no such stats file or job directory" },
        { "serve", 0, "served until stopped" },
        { "serve", 2, "a --bind that is not an address" },
        { "upload", 2, "no such source" },
        { "verify", 1, "a shard folder without its manifest" },
        { "verify", 2, "no such folder" },
        { "check", 0, "a valid crawlers.json" },
        { "check", 2, "an unknown spider type" },
        { "schema", 0, "to standard output" },
        { "schema", 1, "an unexpected error: -o is a folder" },
        { "schema", 2, "-o into a missing folder" },
        { "list", 0, "the spiders" },
        { "list", 2, "a missing --config" },
        { "runs", 0, "no runs yet" },
        { "runs", 2, "a spider without runs" },
        { "status", 2, "no Redis at --redis" },
        { "sample-site", 0, "served until stopped" },
        { "sample-site", 2, "an unknown site" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_command_exits_with_the_code_of_what_happened(string command, int code, string scenario)
    {
        if (scenario.Contains("full disk", StringComparison.Ordinal) && TmpfsMount.Unavailable)
            return;
        var (args, stopAtOnce) = await ArrangeAsync(command, code, scenario);

        var result = await RunAsync(args, stopAtOnce);

        Assert.True(result.ExitCode == code, $"{command} ({scenario}): exit {result.ExitCode}, expected {code}\n{result.Output}\n{result.Error}");
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal); // an error is a message, never a stack trace
        if (code is ExitCodes.CrawlFailed or ExitCodes.BadUsage)
            Assert.Contains("error: ", result.Error, StringComparison.Ordinal);
    }

    private string File(string name) => _temp.File(name);

    private string Csv(string name, string content)
    {
        System.IO.File.WriteAllText(File(name), content);
        return File(name);
    }

    private string Sample(int id) => _site.Url($"/audio/{id}.wav").AbsoluteUri;

    private string Closed => "http://127.0.0.1:9/";

    private async Task<(string[] Args, bool StopAtOnce)> ArrangeAsync(string command, int code, string scenario)
    {
        var config = File("crawlers.json");
        string[] sounds = ["--config", config, "--delay", "0"];
        string[] state = ["--state-dir", File("state")];
        switch (command, code, scenario)
        {
            case ("crawl", 0, _):
                return ([command, "sounds", "-o", File("p.csv"), "--set", $"baseUrl={_site.BaseUrl}", .. sounds], false);
            case ("crawl", 1, "no request gets a response"):
                return ([command, "sounds", "-o", File("p.csv"), "--set", $"baseUrl={Closed}", .. sounds], false);
            case ("crawl", 1, _):
                Directory.CreateDirectory(File("stats.json"));
                return ([command, "sounds", "-o", File("p.csv"), "--set", $"baseUrl={_site.BaseUrl}", "--stats", File("stats.json"), .. sounds], false);
            case ("crawl", 2, "an unknown spider"):
                return ([command, "no-such-spider", "-o", File("p.csv"), .. sounds], false);
            case ("crawl", 2, _):
                return ([command, "sounds", "-o", File("p.csv"), "--no-such-option", .. sounds], false);
            case ("crawl", 4, _):
                return ([command, "sounds", "-o", File("p.csv"), "--set", $"baseUrl={_changedSite.BaseUrl}", .. sounds], false);
            case ("demo", 0, _):
                return ([command, "--output-dir", File("demo"), "--config", config], false);
            case ("demo", 1, _):
                return ([command, "--output-dir", Path.Combine(FullDisk("demo-disk", filled: true), "out"), "--config", config], false);
            case ("demo" or "list", 2, _):
                return ([command, "--config", File("missing.json")], false);
            case ("run-once", 0, _):
                return ([command, "sounds", .. state, "--set", $"baseUrl={_site.BaseUrl}", .. sounds], false);
            case ("run-once", 1, _):
                return ([command, "sounds", .. state, "--set", $"baseUrl={Closed}", .. sounds], false);
            case ("run-once", 2, _):
                return ([command, "no-such-spider", .. state, .. sounds], false);
            case ("run-once", 3, _):
                Directory.CreateDirectory(Path.Combine(File("state"), "sounds"));
                _heldLock = RunLock.TryAcquire(Path.Combine(File("state"), "sounds"));
                return ([command, "sounds", .. state, "--set", $"baseUrl={_site.BaseUrl}", .. sounds], false);
            case ("run-once", 4, _):
                return ([command, "sounds", .. state, "--set", $"baseUrl={_changedSite.BaseUrl}", .. sounds], false);
            case ("schedule", 0, _):
                Csv("crawlers.json", $$"""{ "spiders": { "sounds": { "baseUrl": "{{_site.BaseUrl}}", "schedule": { "cron": "0 3 * * *", "timeZone": "UTC" } } } }""");
                return ([command, .. state, "--config", config], true);
            case ("schedule", 2, _):
                return ([command, .. state, "--config", config], false);
            case ("download", 0, _):
                return ([command, Csv("rows.csv", $"url,text\n{Sample(1)},one\n{Sample(2)},\" \t \"\n"), "-o", File("out"), "--format", "files", "--no-transcode"], false);
            case ("download", 1, _):
                return ([command, Csv("rows.csv", $"url,text\n{_site.Url("/audio/404.wav")},gone\n{Sample(1)},\n"), "-o", File("out"), "--format", "files", "--no-transcode"], false);
            case ("download", 2, "every row is bad"):
                return ([command, Csv("rows.csv", $"url,text\n{Sample(1)},\nftp://files.test/a.wav,two\naudio/3.wav,three\n"), "-o", File("out"), "--format", "files", "--no-transcode"], false);
            case ("download", 2, _):
                return ([command, Csv("rows.csv", $"url,caption\n{Sample(1)},one\n"), "-o", File("out")], false);
            case ("pack", 0, _):
                WriteSamples(File("files"), ("one", Sample(1)), ("two", Sample(2)), ("", Sample(3)));
                return ([command, File("files"), "-o", File("shards")], false);
            case ("pack", 1, _):
                WriteSamples(File("files"), [.. Enumerable.Range(1, 40).Select(i => ($"sample {i}", Sample(i)))]);
                return ([command, File("files"), "-o", FullDisk("shards")], false);
            case ("pack", 2, "every sample is bad"):
                WriteSamples(File("files"), ("", Sample(1)), ("two", "audio/2.wav"));
                return ([command, File("files"), "-o", File("shards")], false);
            case ("pack", 2, _):
                return ([command, File("no-such-folder"), "-o", File("shards")], false);
            case ("merge", 0, _):
                return ([command, Csv("a.csv", $"url,text\n{Sample(1)},one\n"), Csv("b.csv", $"url,text\n{Sample(1)},one\n{Sample(2)},\n"), "-o", File("all.csv")], false);
            case ("merge", 1, _):
                var rows = string.Concat(Enumerable.Range(1, 2000).Select(i => $"{_site.Url($"/audio/{i}.wav").AbsoluteUri},{new string('t', 100)} {i}\n"));
                return ([command, Csv("a.csv", "url,text\n" + rows), "-o", Path.Combine(FullDisk("merged"), "all.csv")], false);
            case ("merge", 2, "every row is bad"):
                return ([command, Csv("a.csv", $"url,text\n{Sample(1)},\n"), Csv("b.csv", "url,text\nnot-a-url,two\n"), "-o", File("all.csv")], false);
            case ("merge", 2, _):
                return ([command, Csv("a.csv", $"url,text\n{Sample(1)},one\n"), File("b.csv"), "-o", File("all.csv")], false);
            case ("export", 0, _):
                Assert.Equal(0, (await RunAsync(["run-once", "sounds", .. state, "--set", $"baseUrl={_site.BaseUrl}", .. sounds], false)).ExitCode);
                return ([command, "sounds", .. state, "-o", File("all.csv")], false);
            case ("export", 1, _):
                Assert.Equal(0, (await RunAsync(["run-once", "sounds", .. state, "--set", $"baseUrl={_site.BaseUrl}", .. sounds], false)).ExitCode);
                return ([command, "sounds", .. state, "-o", Path.Combine(FullDisk("export", filled: true), "all.csv")], false);
            case ("report", 0, _):
                Assert.Equal(0, (await RunAsync(["crawl", "sounds", "-o", File("p.csv"), "--set", $"baseUrl={_site.BaseUrl}", "--stats", File("stats.json"), .. sounds], false)).ExitCode);
                return ([command, File("stats.json"), "-o", File("report.html")], false);
            case ("report", 1, _):
                Assert.Equal(0, (await RunAsync(["crawl", "sounds", "-o", File("p.csv"), "--set", $"baseUrl={_site.BaseUrl}", "--stats", File("stats.json"), .. sounds], false)).ExitCode);
                Directory.CreateDirectory(File("report.html"));
                return ([command, File("stats.json"), "-o", File("report.html")], false);
            case ("report", 2, _):
                return ([command, File("no-such-stats.json"), "-o", File("report.html")], false);
            case ("serve", 0, _):
                Directory.CreateDirectory(File("state"));
                return ([command, "--port", "0", .. state], true);
            case ("serve", 2, _):
                return ([command, "--port", "0", "--bind", "localhost:80"], false);
            case ("schema", 1, _):
                Directory.CreateDirectory(File("schema.json"));
                return ([command, "-o", File("schema.json")], false);
            case ("export", 2, _):
                return ([command, "sounds", .. state, "-o", File("all.csv")], false);
            case ("runs", 2, _):
                return ([command, "sounds", .. state], false);
            case ("upload", 2, _):
                return ([command, File("nothing"), "s3://bucket/prefix/"], false);
            case ("verify", 1, _):
                Directory.CreateDirectory(File("delivery"));
                System.IO.File.WriteAllBytes(Path.Combine(File("delivery"), "shard-000000.tar"), new byte[1024]);
                return ([command, File("delivery")], false);
            case ("verify", 2, _):
                return ([command, File("nothing")], false);
            case ("check", 0, _):
                return ([command, "--config", Csv("crawlers.json", $$"""{ "spiders": { "sounds": { "baseUrl": "{{_site.BaseUrl}}" } } }""")], false);
            case ("check", 2, _):
                return ([command, "--config", Csv("crawlers.json", """{ "spiders": { "mine": { "type": "no-such-type" } } }""")], false);
            case ("schema", 0, _):
                return ([command], false);
            case ("schema", 2, _):
                return ([command, "-o", Path.Combine(File("missing"), "schema.json")], false);
            case ("list", 0, _):
                return ([command, "--config", config], false);
            case ("runs", 0, _):
                return ([command, .. state], false);
            case ("status", 2, _):
                return ([command, "--redis", "redis://127.0.0.1:9", "--crawl-id", "c1"], false);
            case ("sample-site", 0, _):
                return ([command, "sounds", "--port", "0"], true);
            case ("sample-site", 2, _):
                return ([command, "no-such-site", "--port", "0"], false);
            default:
                throw new InvalidOperationException($"no arrangement for {command} {code} ({scenario})");
        }
    }

    /// <summary>A 64 KB tmpfs (<paramref name="filled"/>: already full): a real full disk, whose ENOSPC comes once the command has begun writing.</summary>
    private string FullDisk(string name, bool filled = false)
    {
        var mount = TmpfsMount.Mount(File(name), 64);
        _mounts.Add(mount);
        if (filled)
        {
            try
            {
                using var filler = new FileStream(Path.Combine(mount.Path, "filler"), FileMode.Create);
                for (var i = 0; i < 1024; i++)
                    filler.Write(new byte[1024]);
            }
            catch (IOException)
            {
                // the disk is full
            }
        }
        return mount.Path;
    }

    /// <summary>Loose samples as 'download --format files --no-transcode' writes them: {key}.wav + {key}.json.</summary>
    private static void WriteSamples(string folder, params (string Text, string Url)[] samples)
    {
        Directory.CreateDirectory(folder);
        foreach (var (text, url) in samples)
        {
            var key = SampleKey.Of(url, text);
            System.IO.File.WriteAllBytes(Path.Combine(folder, key + ".wav"), WavTone.Create(440));
            System.IO.File.WriteAllText(Path.Combine(folder, key + ".json"), JsonSerializer.Serialize(new { text = new[] { text }, tag = Array.Empty<string>(), original_data = new { url } }));
        }
    }

    private static async Task<ProcessResult> RunAsync(string[] args, bool stopAtOnce)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        if (stopAtOnce)
            stop.CancelAfter(TimeSpan.FromSeconds(1));
        var environment = CliEnvironment.Capture(output, error, typeof(CatalogueSpider).Assembly) with { StopToken = stop.Token };
        var code = await AudioCrawlCli.RunAsync(args, environment);
        return new ProcessResult(code, output.ToString(), error.ToString());
    }
}
