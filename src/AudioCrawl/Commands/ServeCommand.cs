using System.CommandLine;
using System.Net;
using AudioCrawl.Dashboard;
using AudioCrawl.Running;
using Crawler.Core.Configuration;

namespace AudioCrawl.Commands;

/// <summary><c>audiocrawl serve</c>: the live dashboard of a state directory's runs and of job directories, until Ctrl+C.</summary>
public static class ServeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var state = new Option<string?>("--state-dir") { Description = "List the runs of this state directory (run-once, schedule) and watch their unfinished jobs." };
        var jobs = new Option<string[]>("--job-dir") { Description = "A job directory (crawl --job-dir) to list and watch (repeatable).", AllowMultipleArgumentsPerToken = false };
        var port = new Option<int>("--port") { Description = "The port to listen on (0 picks a free one).", DefaultValueFactory = _ => 8700 };
        var bind = new Option<string>("--bind") { Description = "The address to listen on; anything but loopback needs --token.", DefaultValueFactory = _ => "127.0.0.1" };
        var token = new Option<string?>("--token") { Description = "Require this token of every request (open the page as /?token=T); needed for a non-loopback --bind." };
        var command = new Command("serve", "Serve a live web dashboard of crawls: runs and job directories with their status, live rates, errors, hosts and failures.") { state, jobs, port, bind, token };
        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            var address = parse.GetValue(bind)!;
            if (!IPAddress.TryParse(address, out var ip))
                throw new ConfigurationException($"--bind {address}: not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1).");
            var stateDirectory = parse.GetValue(state);
            if (stateDirectory is not null && !Directory.Exists(stateDirectory))
                throw new ConfigurationException($"--state-dir {stateDirectory}: no such directory.");
            var options = new DashboardOptions(stateDirectory, parse.GetValue(jobs) ?? [], ip, parse.GetValue(port), parse.GetValue(token));
            using var stop = new StopSignal(environment);
            DashboardServer server;
            try
            {
                server = await DashboardServer.StartAsync(options, stop.Token).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new ConfigurationException($"--port {options.Port}: cannot listen on {ip} ({ex.Message}).");
            }
            await using (server.ConfigureAwait(false))
            {
                var url = options.Token is null ? server.BaseUrl.AbsoluteUri : $"{server.BaseUrl.AbsoluteUri}?token={Uri.EscapeDataString(options.Token)}";
                await environment.Out.WriteLineAsync($"Dashboard at {url} ; Ctrl+C stops it.").ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
