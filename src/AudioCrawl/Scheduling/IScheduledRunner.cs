namespace AudioCrawl.Scheduling;

/// <summary>Starts one run of a spider; the scheduler's only dependency on crawling, so its timing is testable alone.</summary>
public interface IScheduledRunner
{
    /// <summary>Whether the spider has a job an earlier run left unfinished (killed, stopped or failed).</summary>
    bool HasUnfinishedJob(string spider);

    /// <summary>Runs the spider once; <paramref name="stopToken"/> asks for a graceful stop.</summary>
    Task<RunReport> RunAsync(string spider, CancellationToken stopToken = default);
}
