namespace Crawler.Core.Runs;

/// <summary>One run in a spider's history (<c>audiocrawl runs</c>).</summary>
/// <param name="NewPairs">Rows in the run's output file: pairs not delivered by an earlier run.</param>
/// <param name="ResumedBy">For a run whose process died: the run that continued its job.</param>
public sealed record RunRecord(
    long Id,
    string Spider,
    DateTimeOffset Started,
    DateTimeOffset? Ended,
    RunStatus Status,
    long Requests,
    long NewPairs,
    long Errors,
    string Output,
    int ProcessId,
    long? ResumedBy,
    string? Message);
