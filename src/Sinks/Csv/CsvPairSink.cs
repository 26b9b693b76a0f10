using Crawler.Abstractions;
using Crawler.Abstractions.Pipeline;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Engine;
using Crawler.Core.Storage;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;

namespace Sinks.Csv;

/// <summary>
/// The deliverable: a <c>url,text</c> CSV, RFC 4180 quoting, UTF-8 without BOM, CRLF line ends. Rows are
/// formatted in memory and every flush hands the batch to the operating system in one append; closing syncs the
/// file to disk. A batch lands whole or not at all: when the write fails (a full disk) the file is cut back to
/// the end of the last flushed batch (see <see cref="RecordFile"/>), so it never ends in a torn row and holds
/// exactly the rows acknowledged.
/// </summary>
[Sink<CsvSinkSettings>("csv", "A url,text CSV (what -o writes).")]
public sealed class CsvPairSink(string path, CsvSinkMode mode = CsvSinkMode.CreateNew, IReadOnlyList<string>? columns = null) : IPairSink
{
    private readonly IReadOnlyList<string> _columns = columns ?? CsvColumns.Default;

    /// <summary>The sink of a crawlers.json <c>csv</c> entry, for the spider of <paramref name="plan"/>.</summary>
    [ActivatorUtilitiesConstructor]
    public CsvPairSink(CsvSinkSettings settings, CrawlPlan plan)
        : this(settings.PathFor(plan.Name), settings.Mode, CsvColumns.Parse(settings.Columns, "columns"))
    {
    }

    private RecordFile? _file;
    private MemoryStream? _batch;
    private CsvWriter? _csv;
    private bool _failed;

    /// <summary>Opens the file (to append, or emptied); a test can hand in a stream that fails like a full disk.</summary>
    public Func<string, bool, Stream> OpenFile { get; init; } = (file, truncate) =>
        new FileStream(file, truncate ? FileMode.Create : FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);

    /// <summary>Rows flushed to the file by this sink (the header not counted).</summary>
    public long RowsWritten { get; private set; }

    private long _rowsInBatch;

    public string Name => $"csv {path}";

    public string Path => path;

    /// <summary>RFC 4180, CRLF, no BOM, no formula-injection mangling: the text is data and stays as it is.</summary>
    public static CsvWriterOptions WriterOptions { get; } = new()
    {
        Mode = CsvMode.Rfc4180,
        NewLine = "\r\n",
        Quoting = CsvQuoting.WhenNeeded,
        Injection = CsvInjection.None,
        WriteByteOrderMark = false,
        HasHeader = false,
        ValidateFieldCount = false,
    };

    /// <summary>Bytes of a torn last row cut from the file when it was opened to append (see <see cref="CsvTailRepair"/>).</summary>
    public long RepairedBytes { get; private set; }

    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        var exists = File.Exists(path);
        if (exists && mode == CsvSinkMode.CreateNew)
            throw new CrawlerException($"{path} exists already; pass --overwrite to replace it or --append to add to it.");
        if (Directory.Exists(path))
            throw new CrawlerException($"{path} is a directory, not a file.");
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
            throw new CrawlerException($"{path}: the folder {directory} does not exist.");
        try
        {
            if (exists && mode == CsvSinkMode.Append)
            {
                RepairedBytes = await CsvTailRepair.RepairAsync(path, cancellationToken).ConfigureAwait(false);
                await CheckHeaderAsync(cancellationToken).ConfigureAwait(false);
            }
            _file = new RecordFile(path, OpenFile(path, mode != CsvSinkMode.Append));
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new CrawlerException($"{path}: not writable ({ex.Message}).", ex);
        }
        catch (IOException ex)
        {
            throw new CrawlerException($"{path}: cannot open for writing ({ex.Message}).", ex);
        }
        _batch = new MemoryStream();
        _csv = CsvWriter.Create(_batch, WriterOptions, leaveOpen: true);
        if (_file.Length == 0)
        {
            foreach (var column in _columns)
                _csv.WriteField(column);
            _csv.EndRecord();
        }
    }

    /// <summary>Rows appended under another header would be read into the wrong columns.</summary>
    private async Task CheckHeaderAsync(CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        var first = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(first))
            return;
        var existing = first.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
        if (!existing.SequenceEqual(_columns))
            throw new CrawlerException($"{path} has the columns {string.Join(",", existing)}; appending rows with the columns {string.Join(",", _columns)} would mix them up. Write to another file or use the same --csv-columns.");
    }

    public ValueTask WriteAsync(AudioPair pair, CancellationToken cancellationToken = default)
    {
        var csv = _csv ?? throw new InvalidOperationException("The CSV sink is not open.");
        if (_failed)
            throw new InvalidOperationException($"{path}: an earlier write failed; the sink takes no more rows.");
        foreach (var column in _columns)
            csv.WriteField(CsvColumns.ValueOf(column, pair));
        csv.EndRecord();
        _rowsInBatch++;
        return ValueTask.CompletedTask;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_csv is null || _failed)
            return;
        await _csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_batch!.Length == 0)
            return;
        try
        {
            await _file!.AppendAsync(_batch.GetBuffer().AsMemory(0, (int)_batch.Length), cancellationToken).ConfigureAwait(false);
            RowsWritten += _rowsInBatch;
        }
        catch (StorageWriteException)
        {
            // The batch is not in the file; its requests are not completed, so a resume fetches them again.
            _failed = true;
            throw;
        }
        finally
        {
            _batch.SetLength(0);
            _rowsInBatch = 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_csv is null)
            return;
        try
        {
            await FlushAsync().ConfigureAwait(false);
            _file!.Sync();
        }
        finally
        {
            await _csv.DisposeAsync().ConfigureAwait(false);
            await _file!.DisposeAsync().ConfigureAwait(false);
            await _batch!.DisposeAsync().ConfigureAwait(false);
            _csv = null;
            _file = null;
            _batch = null;
        }
    }
}
