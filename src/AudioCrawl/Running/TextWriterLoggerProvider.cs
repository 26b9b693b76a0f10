using Microsoft.Extensions.Logging;

namespace AudioCrawl.Running;

/// <summary>One plain line per log entry to a writer (standard error by default), so logs never mix into the summary on standard output.</summary>
public sealed class TextWriterLoggerProvider(TextWriter writer, LogLevel minimum, TimeProvider time) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = $"{time.GetLocalNow():HH:mm:ss} {Label(level)} {category}: {message}";
        if (exception is not null && level >= LogLevel.Error)
            line += Environment.NewLine + "  " + exception.GetType().Name + ": " + exception.Message;
        lock (_gate)
            writer.WriteLine(line);
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info ",
        LogLevel.Warning => "warn ",
        LogLevel.Error => "error",
        _ => "crit ",
    };

    private sealed class LineLogger(TextWriterLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                provider.Write(logLevel, category, formatter(state, exception), exception);
        }
    }

    private readonly LogLevel _minimum = minimum;
}
