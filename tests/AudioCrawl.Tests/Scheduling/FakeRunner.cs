using AudioCrawl.Scheduling;
using Crawler.Core.Runs;

namespace AudioCrawl.Tests.Scheduling;

/// <summary>A runner whose runs last until the test lets them finish (or the stop token fires), recording when they started.</summary>
public sealed class FakeRunner(TimeProvider time, params string[] unfinished) : IScheduledRunner
{
    private readonly List<(string Spider, DateTimeOffset At)> _starts = [];
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly TaskCompletionSource[] _startSignals = [.. Enumerable.Range(0, 16).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];

    public TaskCompletionSource FirstStart => _startSignals[0];

    /// <summary>Completes when the <paramref name="count"/>th run has started and waits to be finished.</summary>
    public Task StartedAsync(int count) => _startSignals[count - 1].Task;

    public IReadOnlyList<(string Spider, DateTimeOffset At)> Starts { get { lock (_starts) return [.. _starts]; } }

    public int Stopped { get; private set; }

    public bool HasUnfinishedJob(string spider) => unfinished.Contains(spider);

    public async Task<RunReport> RunAsync(string spider, CancellationToken stopToken = default)
    {
        Task release;
        int index;
        lock (_starts)
        {
            _starts.Add((spider, time.GetUtcNow()));
            index = _starts.Count - 1;
            release = _release.Task;
        }
        _startSignals[index].TrySetResult();
        try
        {
            await release.WaitAsync(stopToken);
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
        lock (_starts)
        {
            _release.TrySetResult();
            _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
