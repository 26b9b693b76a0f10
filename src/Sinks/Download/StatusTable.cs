using Parquet.Serialization;

namespace Sinks.Download;

/// <summary>The status table as Parquet (<c>status.parquet</c>): one row per input row, in input order.</summary>
public static class StatusTable
{
    public const string FileName = "status.parquet";

    public static async Task WriteAsync(string folder, IReadOnlyCollection<SampleStatus> rows, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(folder, FileName);
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            await ParquetSerializer.SerializeAsync(rows.OrderBy(r => r.Row), stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    public static async Task<IReadOnlyList<SampleStatus>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        var rows = await ParquetSerializer.DeserializeAsync<SampleStatus>(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. rows.Data];
    }
}
