using AudioCrawl.Cli;

return await AudioCrawlCli.RunAsync(args, CliEnvironment.FromConsole());
