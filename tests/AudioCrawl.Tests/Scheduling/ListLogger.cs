using Microsoft.Extensions.Logging;

namespace AudioCrawl.Tests.Scheduling;

/// <summary>Keeps every logged line, to check what a person reading the service's log would see.</summary>
public sealed class ListLogger : ILogger<AudioCrawl.Scheduling.SchedulerService>
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
            _lines.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
