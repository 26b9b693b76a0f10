namespace AudioCrawl.Testing;

public sealed record ProcessResult(int ExitCode, string Output, string Error);
