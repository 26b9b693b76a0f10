namespace Crawler.Core.Runs;

/// <summary>How a run of a scheduled spider ended, as stored in its state directory.</summary>
public enum RunStatus
{
    /// <summary>In progress (or its process died and no later run has picked the job up yet).</summary>
    Running,

    /// <summary>Nothing was left to crawl; its pairs count as delivered.</summary>
    Finished,

    /// <summary>A sink or the start requests failed; the job is kept and the next run continues it.</summary>
    Failed,

    /// <summary>Stopped on purpose (SIGTERM, Ctrl+C, maxRequests); the next run continues the job.</summary>
    Cancelled,

    /// <summary>Its process died mid-way; a later run (named in the record) continued the job.</summary>
    Resumed,
}
