namespace Delivery;

/// <summary>What one upload run did; <see cref="InParts"/> counts the objects sent as multipart uploads.</summary>
public sealed record UploadSummary(int Uploaded, int Unchanged, int Deleted, int AbortedMultipart, long BytesUploaded, double ElapsedSeconds)
{
    public int InParts { get; init; }
}
