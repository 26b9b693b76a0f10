using AudioCrawl.Dashboard;
using Xunit;

namespace AudioCrawl.Tests.Dashboard;

public sealed class RetryCommandTests
{
    [Fact]
    public void Repeats_the_crawl_with_retry_failed_and_without_overwrite_quoting_what_the_shell_would_split()
    {
        var command = RetryCommand.For(["crawl", "sounds", "-o", "my pairs.csv", "--overwrite", "--job-dir", "job"]);

        Assert.Equal("audiocrawl crawl sounds -o 'my pairs.csv' --job-dir job --retry-failed", command);
    }

    [Fact]
    public void Offers_nothing_for_a_command_without_a_job_directory()
    {
        Assert.Null(RetryCommand.For(["crawl", "sounds", "-o", "p.csv"]));
        Assert.Null(RetryCommand.For(["run-once", "sounds"]));
        Assert.Null(RetryCommand.For([]));
    }
}
