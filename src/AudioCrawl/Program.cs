using AudioCrawl;

return await AudioCrawlCli.RunAsync(args, CliEnvironment.FromConsole());
