namespace AudioCrawl.Dashboard;

/// <summary>A run in a state directory's history (<c>audiocrawl runs</c>), with its live status.</summary>
/// <param name="Job">The job directory to watch or inspect while the run is unfinished; null once it finished.</param>
public sealed record DashboardRun(
    string Spider,
    long Id,
    DateTimeOffset Started,
    DateTimeOffset? Ended,
    string Status,
    long Requests,
    long NewPairs,
    long Errors,
    string Output,
    string? Message,
    string? Job);
