using System.Diagnostics;
using System.Globalization;
using AudioCrawl.Bench.SiteGen;
using AudioCrawl.SampleSite.Cambridge;
using CsvHelper;
using Sinks.Csv;

// Writes the Cambridge mirror as static files for nginx, plus the url,text pairs a correct crawl of it delivers.
// Usage: AudioCrawl.Bench.SiteGen --out DIR [--entries 20000] [--seed 1] [--page-bytes 80000] [--base-url http://127.0.0.1:8080/]
var options = SiteGenOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: AudioCrawl.Bench.SiteGen --out DIR [--entries 20000] [--seed 1] [--page-bytes 80000] [--base-url http://127.0.0.1:8080/]");
    return 2;
}

var site = Path.Combine(options.Out, "site");
if (Directory.Exists(site))
    Directory.Delete(site, recursive: true);
Directory.CreateDirectory(site);

var clock = Stopwatch.StartNew();
// Robots.txt opens the browse pages (the live site closes them) so both crawlers browse, as the benchmark compares.
var mirror = new CambridgeMirror(new CambridgeLexicon(options.Entries, options.Seed), options.PageBytes, CambridgeMirrorOptions.Permissive);
var files = await mirror.WriteStaticAsync(site, options.BaseUrl);

var expected = Path.Combine(options.Out, "expected.csv");
var pairs = mirror.ExpectedPairs(options.BaseUrl);
await using (var stream = File.Create(expected))
await using (var csv = CsvWriter.Create(stream, CsvPairSink.WriterOptions))
{
    csv.WriteRecord(new[] { CsvColumns.Url, CsvColumns.Text });
    foreach (var (url, text) in pairs)
    {
        csv.WriteField(url);
        csv.WriteField(text);
        csv.EndRecord();
    }
}

var audio = Path.Combine(options.Out, "audio-urls.txt");
await File.WriteAllLinesAsync(audio, pairs.Select(p => p.Url).Distinct(StringComparer.Ordinal));

var entryDir = Path.Combine(site, "dictionary", CambridgeLexicon.Dictionary);
var entryBytes = Directory.EnumerateFiles(entryDir).Sum(f => new FileInfo(f).Length);
var entryFiles = Directory.EnumerateFiles(entryDir).Count();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{files} files in {site} ({entryFiles} entry pages, mean {entryBytes / Math.Max(1, entryFiles) / 1024.0:F1} KB), {pairs.Count} expected pairs in {expected}, {clock.Elapsed.TotalSeconds:F1} s"));
return 0;
