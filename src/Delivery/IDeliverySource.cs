namespace Delivery;

/// <summary>A delivery to read back: a local folder or an S3 prefix. Paths are relative, with '/' separators.</summary>
public interface IDeliverySource
{
    string Name { get; }

    /// <summary>Opens a file of the delivery, or returns null when it is missing.</summary>
    Task<Stream?> OpenAsync(string relative, CancellationToken cancellationToken = default);

    /// <summary>Every <c>.tar</c> in the delivery.</summary>
    Task<IReadOnlyList<string>> ListShardsAsync(CancellationToken cancellationToken = default);
}
