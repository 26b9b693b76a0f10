using AudioCrawl.Core;
using AudioCrawl.Core.Configuration;

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
        catch (ConfigurationException ex)
        {
            await environment.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }
        catch (CrawlerException ex)
        {
            await environment.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }
    }
}
