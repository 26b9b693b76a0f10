using System.Globalization;
using Crawler.Abstractions.Stats;
using Spectre.Console;

namespace AudioCrawl.Running;

/// <summary>
/// Shows a running crawl: a live table on a terminal (requests/s, items, errors, queue), plain progress lines
/// at an interval when the output goes to a file or a pipe.
/// </summary>
public sealed class ProgressReporter(CliEnvironment environment, CrawlStats stats, Func<ValueTask<long>> queued, TimeSpan logInterval)
{
    public async Task RunAsync(string title, CancellationToken done)
    {
        try
        {
            if (environment.Interactive)
                await LiveAsync(title, done).ConfigureAwait(false);
            else
                await LinesAsync(done).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
        }
    }

    private async Task LinesAsync(CancellationToken done)
    {
        while (!done.IsCancellationRequested)
        {
            await Task.Delay(logInterval, environment.Time, done).ConfigureAwait(false);
            await environment.Error.WriteLineAsync(await LineAsync().ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    public async ValueTask<string> LineAsync()
    {
        var elapsed = stats.Elapsed.TotalSeconds;
        var rate = elapsed > 0 ? stats.RequestsSent / elapsed : 0;
        var queue = await queued().ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture,
            $"progress: {elapsed:0.0} s, {stats.RequestsSent} requests ({rate:0.0}/s), {stats.Responses.Total} responses, {stats.Items} items, {stats.Errors.Total} errors, {queue} queued");
    }

    private async Task LiveAsync(string title, CancellationToken done)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumns("requests", "req/s", "responses", "items", "errors", "queued", "elapsed");
        table.AddRow("0", "0", "0", "0", "0", "0", "0 s");
        await AnsiConsole.Live(table).AutoClear(false).StartAsync(async context =>
        {
            while (true)
            {
                var finished = done.IsCancellationRequested;
                var elapsed = stats.Elapsed.TotalSeconds;
                var cells = new[]
                {
                    stats.RequestsSent.ToString(CultureInfo.InvariantCulture),
                    (elapsed > 0 ? stats.RequestsSent / elapsed : 0).ToString("0.0", CultureInfo.InvariantCulture),
                    stats.Responses.Total.ToString(CultureInfo.InvariantCulture),
                    stats.Items.ToString(CultureInfo.InvariantCulture),
                    stats.Errors.Total.ToString(CultureInfo.InvariantCulture),
                    (await queued().ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture),
                    elapsed.ToString("0.0 s", CultureInfo.InvariantCulture),
                };
                for (var i = 0; i < cells.Length; i++)
                    table.UpdateCell(0, i, cells[i]);
                context.Refresh();
                if (finished)
                    break;
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), environment.Time, done).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }).ConfigureAwait(false);
    }
}
