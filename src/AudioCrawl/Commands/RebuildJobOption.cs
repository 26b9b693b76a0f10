using System.CommandLine;
using Crawler.Core.Storage;

namespace AudioCrawl.Commands;

/// <summary>
/// --rebuild-job, shared by every command that keeps state in a job directory (crawl --job-dir, run-once and schedule
/// in their state directory, download's per-sample record): the way on from a <see cref="DamagedStateException"/>.
/// </summary>
public sealed class RebuildJobOption
{
    public Option<bool> Option { get; } = new("--rebuild-job")
    {
        Description = "Set a damaged job's state aside (in damaged-<time>/ inside the job) and rebuild it from what the output proves: the CSV's rows and the finished shards are kept and not written again, the readable lines of failures.jsonl and samples.jsonl are kept, the rest is fetched again.",
    };

    public bool Parse(ParseResult parse) => parse.GetValue(Option);
}
