namespace Crawler.Core.Engine;

public static class FinishReasons
{
    public const string Finished = "finished";
    public const string Cancelled = "cancelled";
    public const string MaxRequests = "max_requests";
    public const string MaxItems = "max_items";
    public const string SinkFailed = "sink_failed";
    public const string StartRequestsFailed = "start_requests_failed";
    public const string NoResponses = "no_responses";

    /// <summary>A file of the job directory (frontier.db, pairs.db, failures.jsonl) could not be written, as on a full disk.</summary>
    public const string StateWriteFailed = "state_write_failed";

    /// <summary>The spider asked for a callback it does not have; the request was never fetched.</summary>
    public const string UnknownCallback = "unknown_callback";

    /// <summary>The crawl's shared state (Redis) stayed unreachable past its outage timeout, or came back empty.</summary>
    public const string StateUnavailable = "state_unavailable";
}
