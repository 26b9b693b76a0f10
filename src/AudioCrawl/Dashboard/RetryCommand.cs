namespace AudioCrawl.Dashboard;

/// <summary>The command line that schedules a job's failed requests again: the crawl's own, with --retry-failed.</summary>
public static class RetryCommand
{
    /// <summary>Null when the crawl's command line is not known or was not a <c>crawl --job-dir</c>.</summary>
    public static string? For(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0 || arguments[0] != "crawl" || !arguments.Contains("--job-dir"))
            return null;
        // Resuming appends to the output; --overwrite would be refused for a job that holds state.
        var kept = arguments.Where(a => a != "--overwrite").ToList();
        if (!kept.Contains("--retry-failed"))
            kept.Add("--retry-failed");
        return "audiocrawl " + string.Join(' ', kept.Select(Quote));
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
