// Resident memory of a frontier holding N pending requests: in a job directory (SQLite) or in memory.
// Usage: dotnet run -c Release --project bench/FrontierMemory -- disk|memory [count] [job-dir]
using System.Diagnostics;
using System.Globalization;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Scheduling;
using Crawler.Core.Scheduling;

var kind = args.Length > 0 ? args[0] : "disk";
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var directory = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), $"audiocrawl-bench-{Environment.ProcessId}");
Directory.CreateDirectory(directory);

await using IFrontier frontier = kind switch
{
    "disk" => await SqliteFrontier.OpenAsync(Path.Combine(directory, "frontier.db")),
    "memory" => new InMemoryFrontier(),
    _ => throw new ArgumentException("the first argument is disk or memory"),
};

var clock = Stopwatch.StartNew();
for (var i = 0; i < count; i++)
{
    var request = new Request(new Uri($"https://dictionary.example.org/dictionary/english/word-{i:D7}?source=list-{i % 97}"), "ParseEntry")
    {
        Priority = i % 3,
        Depth = 2,
    }.WithData(new { headword = $"word-{i}", list = i % 97 });
    await frontier.EnqueueAsync(request);
}
var enqueueSeconds = clock.Elapsed.TotalSeconds;

// Take and complete a tenth, as a crawl in progress would.
for (var i = 0; i < count / 10; i++)
{
    var next = await frontier.DequeueAsync();
    await frontier.CompleteAsync(next!);
}

GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
GC.WaitForPendingFinalizers();
var status = await File.ReadAllLinesAsync("/proc/self/status");
string Field(string name) => status.First(l => l.StartsWith(name + ":", StringComparison.Ordinal)).Split(':')[1].Trim();
Console.WriteLine(string.Join('\t',
    $"frontier={kind}",
    $"requests={count}",
    $"pending={await frontier.CountAsync()}",
    $"rss_now={Field("VmRSS")}",
    $"rss_peak={Field("VmHWM")}",
    $"managed_heap={GC.GetTotalMemory(false) / 1024 / 1024} MB",
    $"enqueue_s={enqueueSeconds:0.0}",
    $"db_size={(kind == "disk" ? new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length) / 1024 / 1024 : 0)} MB"));
if (args.Length <= 2 && kind == "disk")
    Directory.Delete(directory, recursive: true);
