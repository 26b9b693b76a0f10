namespace AudioCrawl.Commands;

/// <summary>
/// Where a command is: still checking its input and settings, or already fetching, reading or writing. An error of
/// the first phase is bad usage (exit 2, nothing done); of the second, a failure at run time (exit 1).
/// </summary>
public sealed class CommandRun
{
    public bool HasStarted { get; private set; }

    /// <summary>The input and settings are checked; from here on the command does its work.</summary>
    public void MarkStarted() => HasStarted = true;
}
