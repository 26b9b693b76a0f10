using Crawler.Abstractions;
using Crawler.Core.Configuration;
using Crawler.Core.Storage;

namespace AudioCrawl.Commands;

/// <summary>
/// Runs a command body and turns its errors into a message and an exit code: a configuration error, or an error
/// before the command started its work (<see cref="CommandRun.MarkStarted"/>), is bad usage (2); any other error is
/// a failure at run time (1), reported in one line, never as a stack trace.
/// </summary>
public static class CommandAction
{
    public static Task<int> GuardAsync(CliEnvironment environment, Func<Task<int>> body) =>
        GuardAsync(environment, _ => body());

    public static async Task<int> GuardAsync(CliEnvironment environment, Func<CommandRun, Task<int>> body)
    {
        var run = new CommandRun();
        try
        {
            return await body(run).ConfigureAwait(false);
        }
        catch (StorageWriteException ex)
        {
            // A full disk is a run-time failure, not a usage error, even when it strikes before the first request.
            await environment.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.CrawlFailed;
        }
        catch (ConfigurationException ex)
        {
            await environment.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }
        catch (DamagedStateException ex)
        {
            // Found when the state is opened, before anything is fetched (also a download's record, opened with its sink).
            await environment.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }
        catch (CrawlerException ex)
        {
            await environment.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return run.HasStarted ? ExitCodes.CrawlFailed : ExitCodes.BadUsage;
        }
        catch (Exception ex)
        {
            await environment.Error.WriteLineAsync(UnexpectedError(ex)).ConfigureAwait(false);
            return ExitCodes.CrawlFailed;
        }
    }

    /// <summary>An error nothing anticipated (a bug, or a failure of the machine): its kind and message, and those of its causes.</summary>
    public static string UnexpectedError(Exception exception)
    {
        var causes = new List<string>();
        for (var cause = exception.InnerException; cause is not null && causes.Count < 3; cause = cause.InnerException)
            causes.Add($"{cause.GetType().Name}: {cause.Message}");
        var because = causes.Count == 0 ? "" : $" (caused by {string.Join("; ", causes)})";
        return $"error: the command failed: {exception.GetType().Name}: {exception.Message}{because}. What was written before the failure is kept.";
    }
}
