using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Scheduling;

/// <summary>
/// <c>audiocrawl schedule</c> as a Generic Host service: resumes unfinished jobs at start, then sleeps until the
/// next spider is due and starts it. On SIGTERM (systemd's stop) the host cancels the token: runs stop gracefully,
/// flush their output and keep their job for the next start.
/// </summary>
public sealed class SchedulerService(ScheduleLoop loop, TimeProvider time, ILogger<SchedulerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        loop.ResumeUnfinished(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (loop.NextWake is not { } wake)
                {
                    logger.LogWarning("No spider is due ever again; waiting for a stop.");
                    await Task.Delay(Timeout.InfiniteTimeSpan, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                var wait = TimeSpan.FromTicks(Math.Min((wake - time.GetUtcNow()).Ticks, TimeSpan.FromDays(1).Ticks)); // Task.Delay caps near 49 days
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                loop.Tick(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Stopping: waiting for the runs in progress to stop gracefully.");
        }
        finally
        {
            await loop.WhenRunsEndAsync().ConfigureAwait(false);
        }
    }
}
