using System.CommandLine;
using AudioCrawl.Running;
using AudioCrawl.SampleSite;
using Crawler.Core.Configuration;

namespace AudioCrawl.Commands;

/// <summary><c>audiocrawl sample-site &lt;site&gt;</c>: one of the built-in local copies (sample sites, API mocks) on 127.0.0.1 until Ctrl+C.</summary>
public static class SampleSiteCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var site = new Argument<string>("site") { Description = $"The local copy to serve: {string.Join(", ", SampleWeb.ServableSites().Select(s => s.Name))}." };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 8080 };
        var command = new Command("sample-site", "Serve a built-in local copy of a source (sample site or API mock) on 127.0.0.1 until Ctrl+C, to crawl it offline.") { site, port };
        command.SetAction(parse => CommandAction.GuardAsync(environment, async () =>
        {
            var name = parse.GetValue(site)!;
            var sites = SampleWeb.ServableSites();
            var found = sites.FirstOrDefault(s => s.Name == name)
                ?? throw new ConfigurationException($"sample-site: there is no local copy named '{name}'; choose one of: {string.Join(", ", sites.Select(s => s.Name))}.");
            using var stop = new StopSignal(environment);
            await using var host = await SampleWeb.ServeAsync(found, parse.GetValue(port), stop.Token).ConfigureAwait(false);
            await environment.Out.WriteLineAsync($"Serving the local copy '{found.Name}' (spider '{found.Spider}') at {host.BaseUrl}; Ctrl+C stops it.").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
