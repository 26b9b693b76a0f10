using AudioCrawl.Core;
using AudioCrawl.Core.Configuration;
using AudioCrawl.Core.Storage;

namespace AudioCrawl.Cli.Commands;

/// <summary>Runs a command body and turns the errors users cause into a message and an exit code.</summary>
public static class CommandAction
{
    public static async Task<int> GuardAsync(CliEnvironment environment, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
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
        catch (CrawlerException ex)
        {
            // A damaged state file (DamagedStateException) lands here too: found at start, nothing fetched.
            await environment.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }
    }
}
