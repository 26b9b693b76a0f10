using Crawler.Abstractions;

namespace Crawler.Core.Storage;

/// <summary>
/// A state file read at start (job.json, frontier.db, pairs.db, state.db, a status journal) is damaged. Raised
/// before anything is fetched, so it is a start-up error (exit code 2) whose message names the file, what is
/// wrong with it and the way on.
/// </summary>
public sealed class DamagedStateException(string path, string problem, string wayOn, Exception? innerException = null)
    : CrawlerException($"{path} is damaged: {problem}. {wayOn}", innerException)
{
    public const string DefaultWayOn = "Restore it from a backup or move it away to start this state afresh.";

    public string FilePath { get; } = path;

    public string Problem { get; } = problem;

    /// <summary>The same damage with the way on that fits where the file lives (a job directory, a state directory).</summary>
    public DamagedStateException WithWayOn(string way) => new(FilePath, Problem, way, InnerException);
}
