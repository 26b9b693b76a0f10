namespace AudioCrawl.Commands;

/// <summary>
/// How download, pack and merge end when rows were bad (refused by the item pipeline's rules): each bad row is
/// skipped and counted, and a run with no usable row at all (every row bad, or none) is bad input, exit 2.
/// </summary>
internal static class BadRowReport
{
    private const int Shown = 10;

    /// <summary>Warns about the first bad rows, each naming its row and reason, and how many more there were.</summary>
    public static async Task WarnAsync(CliEnvironment environment, IReadOnlyList<string> badRows)
    {
        foreach (var row in badRows.Take(Shown))
            await environment.Error.WriteLineAsync("warning: skipped " + row).ConfigureAwait(false);
        if (badRows.Count > Shown)
            await environment.Error.WriteLineAsync($"warning: ... and {badRows.Count - Shown} more bad rows skipped.").ConfigureAwait(false);
    }

    /// <summary>0 when some row was usable; otherwise an error naming <paramref name="input"/> and exit 2.</summary>
    public static async Task<int> ExitCodeAsync(CliEnvironment environment, bool anyUsable, long badRows, string input)
    {
        if (anyUsable)
            return ExitCodes.Success;
        var why = badRows == 0 ? "it holds no row" : $"every row is bad ({badRows}; see the reasons above or in the status table)";
        await environment.Error.WriteLineAsync($"error: {input}: nothing to do, {why}.").ConfigureAwait(false);
        return ExitCodes.BadUsage;
    }
}
