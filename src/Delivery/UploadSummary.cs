namespace AudioCrawl.Delivery;

/// <summary>What one upload run did.</summary>
public sealed record UploadSummary(int Uploaded, int Unchanged, int Deleted, int AbortedMultipart, long BytesUploaded, double ElapsedSeconds);
