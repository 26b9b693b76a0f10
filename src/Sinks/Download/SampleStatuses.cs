namespace Sinks.Download;

public static class SampleStatuses
{
    public const string Success = "success";
    public const string Failed = "failed";

    /// <summary>A row whose URL and text were already in an earlier row of the same input.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Not finished in this run (stopped before its turn, or left out by --retry-failed).</summary>
    public const string Pending = "pending";
}
