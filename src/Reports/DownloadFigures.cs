namespace Reports;

/// <summary>The samples of a download folder's status table: how many packed, how many failed and why, and each packed sample's duration.</summary>
public sealed record DownloadFigures(long Succeeded, long Failed, long Duplicates, IReadOnlyDictionary<string, long> FailuresByReason, IReadOnlyList<double> DurationsSeconds)
{
    public double AudioSeconds => Math.Round(DurationsSeconds.Sum(), 3);
}
