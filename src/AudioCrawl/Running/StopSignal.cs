using System.Runtime.InteropServices;

namespace AudioCrawl.Running;

/// <summary>
/// Turns Ctrl+C and SIGTERM into a graceful stop: the first signal stops scheduling (in-flight requests get the
/// grace period); a second one ends in-flight work at once. Sinks are flushed and closed either way.
/// </summary>
public sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _graceful;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _error;
    private int _signals;

    public StopSignal(CliEnvironment environment)
    {
        _error = environment.Error;
        _graceful = CancellationTokenSource.CreateLinkedTokenSource(environment.StopToken);
        if (environment.ListensForSignals)
        {
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        }
    }

    public CancellationToken Token => _graceful.Token;

    /// <summary>Cancelled by a second signal: give up on in-flight requests now.</summary>
    public CancellationToken Hard => _hard.Token;

    private readonly CancellationTokenSource _hard = new();

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _graceful.Dispose();
        _hard.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _error.WriteLine($"{context.Signal}: stopping gracefully (again to abandon requests in flight).");
            _graceful.Cancel();
        }
        else
        {
            _error.WriteLine($"{context.Signal}: abandoning requests in flight; flushing what was collected.");
            _hard.Cancel();
        }
    }
}
