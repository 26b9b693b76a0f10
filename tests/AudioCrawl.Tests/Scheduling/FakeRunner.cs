using AudioCrawl.Cli.Scheduling;
using AudioCrawl.Core.Runs;

namespace AudioCrawl.Cli.Tests.Scheduling;

/// <summary>A runner whose runs last until the test lets them finish (or the stop token fires), recording when they started.</summary>
public sealed class FakeRunner(TimeProvider time, params string[] unfinished) : IScheduledRunner
{
    private readonly List<(string Spider, DateTimeOffset At)> _starts = [];
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource FirstStart { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string Spider, DateTimeOffset At)> Starts { get { lock (_starts) return [.. _starts]; } }

    public int Stopped { get; private set; }

    public bool HasUnfinishedJob(string spider) => unfinished.Contains(spider);

    public async Task<RunReport> RunAsync(string spider, CancellationToken stopToken = default)
    {
        lock (_starts)
            _starts.Add((spider, time.GetUtcNow()));
        FirstStart.TrySetResult();
        try
        {
            await _release.Task.WaitAsync(stopToken);
        }
        catch (OperationCanceledException)
        {
            Stopped++;
            return new RunReport(spider, RunStatus.Cancelled, 1, null, 0, false, null);
        }
        return new RunReport(spider, RunStatus.Finished, 1, null, 0, false, null);
    }

    /// <summary>Lets every run in progress finish.</summary>
    public void FinishRuns()
    {
        _release.TrySetResult();
        _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
