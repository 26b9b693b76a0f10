namespace Crawler.Core.Storage;

/// <summary>What <see cref="JsonLinesFile.ReadAsync{T}"/> read: the records, the damaged lines before the last one, and whether the last line was torn.</summary>
public sealed record JsonLines<T>(IReadOnlyList<T> Records, IReadOnlyList<DamagedLine> Damaged, bool TornLastLine)
{
    /// <summary>The records, or a <see cref="DamagedStateException"/> naming <paramref name="path"/>, the first damaged line and <paramref name="wayOn"/>.</summary>
    /// <param name="kind">What a line holds, for the message ("a failure record").</param>
    public IReadOnlyList<T> ThrowIfDamaged(string path, string kind, string wayOn)
    {
        if (Damaged.Count == 0)
            return Records;
        var first = Damaged[0];
        var more = Damaged.Count == 1 ? "" : $" (and {Damaged.Count - 1} more lines)";
        throw new DamagedStateException(path, $"line {first.Number} is not {kind} ({first.Problem}){more}", wayOn);
    }
}
