using Crawler.Core.Runs;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Scheduling;

/// <summary>
/// The scheduler's decisions, apart from waiting: which spiders are due at a tick, which are skipped because their
/// previous run is still going, and when to wake next. Due times come from each spider's cron expression in its
/// time zone; a tick that comes late starts a due spider once, not once per missed occurrence.
/// </summary>
public sealed class ScheduleLoop
{
    private readonly IReadOnlyDictionary<string, SpiderSchedule> _schedules;
    private readonly IScheduledRunner _runner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, DateTimeOffset?> _next = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<RunReport>> _running = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ScheduleLoop(IReadOnlyDictionary<string, SpiderSchedule> schedules, IScheduledRunner runner, TimeProvider time, ILogger logger)
    {
        _schedules = schedules;
        _runner = runner;
        _time = time;
        _logger = logger;
        var now = time.GetUtcNow();
        foreach (var (spider, schedule) in schedules)
            _next[spider] = schedule.NextDue(now);
    }

    /// <summary>The next due time of each spider (null: its expression never fires again).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset?> NextDue
    {
        get { lock (_gate) return new Dictionary<string, DateTimeOffset?>(_next); }
    }

    /// <summary>When the earliest spider is due, or null when none ever is.</summary>
    public DateTimeOffset? NextWake
    {
        get { lock (_gate) return _next.Values.Where(d => d is not null).Min(); }
    }

    /// <summary>Starts at once every spider whose job an earlier run left unfinished (a restart resumes it).</summary>
    public IReadOnlyList<string> ResumeUnfinished(CancellationToken stopToken = default)
    {
        var started = new List<string>();
        foreach (var spider in _schedules.Keys.Where(_runner.HasUnfinishedJob))
        {
            _logger.LogInformation("{Spider}: an earlier run did not finish; resuming it now.", spider);
            if (TryStart(spider, stopToken))
                started.Add(spider);
        }
        return started;
    }

    /// <summary>Starts the spiders due at the clock's now; returns which started and which were skipped as overlapping.</summary>
    public ScheduleTick Tick(CancellationToken stopToken = default)
    {
        var now = _time.GetUtcNow();
        var started = new List<string>();
        var skipped = new List<string>();
        foreach (var spider in _schedules.Keys)
        {
            DateTimeOffset? due;
            lock (_gate)
                due = _next[spider];
            if (due is null || due > now)
                continue;
            lock (_gate)
                _next[spider] = _schedules[spider].NextDue(now);
            if (TryStart(spider, stopToken))
                started.Add(spider);
            else
            {
                skipped.Add(spider);
                _logger.LogWarning("{Spider}: due at {Due:u} but its previous run is still going; skipped this run (next due {Next:u}).", spider, due, _next[spider]);
            }
        }
        return new ScheduleTick(started, skipped);
    }

    /// <summary>Waits for every run in progress (after a stop was asked for, they end gracefully).</summary>
    public async Task WhenRunsEndAsync()
    {
        Task[] running;
        lock (_gate)
            running = [.. _running.Values];
        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A run ended with an error.");
        }
    }

    private bool TryStart(string spider, CancellationToken stopToken)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(spider, out var previous) && !previous.IsCompleted)
                return false;
            _running[spider] = RunAsync(spider, stopToken);
            return true;
        }
    }

    private async Task<RunReport> RunAsync(string spider, CancellationToken stopToken)
    {
        await Task.Yield();
        try
        {
            var report = await _runner.RunAsync(spider, stopToken).ConfigureAwait(false);
            if (report.Skipped)
                _logger.LogWarning("{Spider}: skipped, another process holds its run lock.", spider);
            return report;
        }
        catch (Exception ex)
        {
            _logger.LogError("{Spider}: the run failed: {Message}", spider, ex.Message);
            throw;
        }
    }
}
