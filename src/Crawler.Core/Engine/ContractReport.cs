namespace Crawler.Core.Engine;

/// <summary>
/// How the pages of one contract (usually one callback) fared: pages checked, pages that yielded less with no reason
/// (<see cref="Failures"/>) or with a counted one (<see cref="Excused"/>), and up to three example URLs of each.
/// </summary>
public sealed record ContractReport(string Callback, long Pages, long Failures, long Excused, IReadOnlyList<string> Examples, IReadOnlyList<string> ExcusedExamples)
{
    /// <summary>Pages that yielded what the contract declares.</summary>
    public long Met => Pages - Failures - Excused;

    /// <summary>
    /// At least <paramref name="minimumPages"/> pages, and most of them (more than half) failed, or not one met the
    /// contract: a reason counted on every page ("no audio" on each of 27 entries) is the site changing, not the site.
    /// </summary>
    public bool LooksBroken(int minimumPages) => Pages >= minimumPages && (Failures * 2 > Pages || Met == 0);

    public string Describe() => Met == 0 && Failures * 2 <= Pages
        ? $"{Callback} yielded what its contract declares on none of its {Pages} pages ({Excused} only counted a reason for yielding nothing)"
        : $"{Callback} yielded nothing on {Failures} of {Pages} pages";
}
