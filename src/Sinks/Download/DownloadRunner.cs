using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Crawler.Abstractions;
using Crawler.Abstractions.Http;
using Crawler.Abstractions.Stats;
using Crawler.Core.Media;
using Crawler.Core.Pipeline;
using Crawler.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Sinks.Download;

/// <summary>
/// Samples in, packed samples out, and a status for every sample. The downloads are media requests of the crawl's
/// engine (<see cref="MediaRequests"/>: its frontier, its fetch pipeline, its host slots); this runner decides which
/// samples to schedule (<see cref="AcceptAsync"/>), takes each fetched one (<see cref="HandleAsync"/>) through the
/// conversions (one per core by default) and one writer, joined by bounded channels, and ends each media request in
/// the frontier once the sample is packed or failed, so a killed job hands out again exactly the unfinished ones.
/// The per-sample record (<see cref="StatusJournal"/>: pending, done, failed with the reason) lives in the job
/// directory when there is one, else in the output folder; a re-run never downloads a packed sample again.
/// </summary>
public sealed class DownloadRunner
{
    public const string SummaryFileName = "summary.json";
    private const string WorkFolderName = "_work";
    private static readonly TimeSpan SealPoll = TimeSpan.FromMilliseconds(20);

    private readonly ISampleWriter _writer;
    private readonly string _output;
    private readonly string _statusPath;
    private readonly DownloadOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly AudioDownloader _downloader;
    private readonly AudioTranscoder _transcoder;
    private readonly string _work;
    private readonly ConcurrentDictionary<long, SampleStatus> _rows = new();
    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _done = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MediaRequestContext> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenSource _failure = new();
    private readonly CancellationTokenSource _stopping;
    private Channel<DownloadedAudio>? _toConvert;
    private Channel<EncodedSample>? _toWrite;
    private Task? _stages;
    private StatusJournal? _journal;
    private IReadOnlyDictionary<string, SampleStatus> _previous = new Dictionary<string, SampleStatus>();
    private Exception? _stageError;
    private volatile bool _stopped;
    private long _started;
    private long _nextRow;
    private long _succeeded;
    private long _converted;
    private long _failed;
    private long _duplicates;
    private long _skipped;
    private long _bytes;
    private long _audioMilliseconds;
    private long _downloadsBlockedTicks;
    private long _transcodersIdleTicks;
    private long _transcodersBlockedTicks;
    private long _unwritten;
    private readonly SemaphoreSlim _writerGate = new(1, 1);

    /// <param name="statusPath">The per-sample record: <see cref="StatusJournal.JobFileName"/> in the job directory, or <see cref="StatusJournal.FileName"/> in the output folder.</param>
    public DownloadRunner(IReadOnlyList<IMediaResolver> resolvers, ISampleWriter writer, string outputFolder, string statusPath, DownloadOptions options, ILogger logger, TimeProvider time)
    {
        _writer = writer;
        _output = outputFolder;
        _statusPath = statusPath;
        _options = options;
        _logger = logger;
        _time = time;
        _work = Path.Combine(outputFolder, WorkFolderName);
        _downloader = new AudioDownloader(resolvers, _work, keepInMemory: options.NoTranscode);
        _transcoder = new AudioTranscoder(options.Transcode);
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token, _failure.Token);
    }

    /// <summary>Where samples packed and failed, files transcoded and shards finished are counted too (<see cref="MediaCounters"/>): the crawl's stats.</summary>
    public CounterSet? Counters { get; set; }

    public string Output => _output;

    public ISampleWriter Writer => _writer;

    /// <summary>Samples in finished shards so far in this run.</summary>
    public long Succeeded => Interlocked.Read(ref _succeeded);

    /// <summary>Samples converted and handed to the writer so far in this run (ahead of <see cref="Succeeded"/> by the open shards).</summary>
    public long Converted => Interlocked.Read(ref _converted);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Fails early when ffmpeg or ffprobe is missing (and needed: storing as downloaded needs neither).</summary>
    public void CheckTools()
    {
        if (!_options.NoTranscode)
            _transcoder.EnsureAvailable();
    }

    /// <summary>Stops at once: downloads and conversions in flight are dropped and redone by the next run.</summary>
    public void Abort() => _abort.Cancel();

    /// <summary>Notes a graceful stop (Ctrl+C): what is in flight is finished and packed, and the summary says stopped.</summary>
    public void NoteStopped() => _stopped = true;

    /// <summary>Reads the record and the packed samples, prepares the folders and starts the conversion and writer stages.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        _started = _time.GetTimestamp();
        CheckTools();
        PrepareFolders();
        _journal = await StatusJournal.OpenAsync(_statusPath, cancellationToken).ConfigureAwait(false);
        _previous = _journal.Previous;
        _nextRow = _previous.Count == 0 ? 0 : _previous.Values.Max(s => s.Row);
        foreach (var key in await _writer.OpenAsync(OnCommittedAsync, cancellationToken).ConfigureAwait(false))
            _done[key] = true;
        _writer.GuardCommits(MayCommitAsync);

        // Room for a full batch per transcoder: downloads wait on disk in the work folder, not in memory.
        _toConvert = Channel.CreateBounded<DownloadedAudio>(new BoundedChannelOptions(Math.Max(_options.TranscodeWorkers, 1) * Math.Max(_options.Transcode.BatchMaxFiles, 2)));
        _toWrite = Channel.CreateBounded<EncodedSample>(new BoundedChannelOptions(64) { SingleReader = true });
        var stopping = _stopping.Token;
        var convert = _options.NoTranscode
            ? Task.CompletedTask
            : RunStageAsync(() => Task.WhenAll(Enumerable.Range(0, Math.Max(_options.TranscodeWorkers, 1)).Select(_ => ConvertAsync(_toConvert.Reader, _toWrite.Writer, stopping))), _toWrite.Writer);
        var write = RunStageAsync(() => WriteAsync(_toWrite.Reader, stopping), null);
        _stages = Task.WhenAll(convert, write);
    }

    /// <summary>The row number for the next pair of a live crawl (after every row of the record).</summary>
    public long NextRow() => Interlocked.Increment(ref _nextRow);

    /// <summary>
    /// Whether <paramref name="source"/> is to be downloaded: not a duplicate, not a bad row (its <see cref="AudioSource.Problem"/>; recorded as failed),
    /// not packed before, not failed before (unless retrying failures; then only those). Scheduled ones are recorded as pending.
    /// </summary>
    public async ValueTask<bool> AcceptAsync(AudioSource source)
    {
        var status = new SampleStatus { Row = source.Row, Key = source.Key, Url = source.Url, Status = SampleStatuses.Pending };
        _rows[source.Row] = status;
        bool first;
        lock (_seen)
            first = _seen.Add(source.Key);
        if (!first)
        {
            status.Status = SampleStatuses.Duplicate;
            Interlocked.Increment(ref _duplicates);
            return false;
        }
        // Every source comes from AudioSource.Of, which judged it by the item pipeline's rules (PairNormalizer).
        if (source.Problem is { } problem)
        {
            await FailAsync(source, SampleFailureReasons.BadRow, problem, 0).ConfigureAwait(false);
            return false;
        }
        var before = _previous.GetValueOrDefault(source.Key);
        if (_done.ContainsKey(source.Key))
        {
            status.Status = SampleStatuses.Success;
            if (before is { Status: SampleStatuses.Success })
            {
                status.Bytes = before.Bytes;
                status.Duration = before.Duration;
                status.Shard = before.Shard;
            }
            Interlocked.Increment(ref _skipped);
            return false;
        }
        var failedBefore = before is { Status: SampleStatuses.Failed };
        if (failedBefore && !_options.RetryFailed)
        {
            status.Status = SampleStatuses.Failed;
            status.Reason = before!.Reason;
            status.ErrorMessage = before.ErrorMessage;
            status.Bytes = before.Bytes;
            Interlocked.Increment(ref _skipped);
            return false;
        }
        if (!failedBefore && _options.RetryFailed)
            return false;
        await _journal!.AppendAsync([status], CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Downloads one scheduled sample through the engine's fetch path (or its media resolver) and hands it to the
    /// conversions; returns once it is handed on. The media request ends when the sample is packed or fails.
    /// </summary>
    public async ValueTask HandleAsync(AudioSource source, MediaRequestContext context, CancellationToken cancellationToken = default)
    {
        if (!await BeginAsync(source, context).ConfigureAwait(false))
            return;
        DownloadedAudio downloaded;
        try
        {
            downloaded = await DownloadAsync(source, context.Request, context.Fetcher, cancellationToken).ConfigureAwait(false);
        }
        catch (SampleRejectedException ex)
        {
            await RejectAsync(source, ex).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException ex)
        {
            throw Abandon(source, ex);
        }
        await TakeAsync(downloaded, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes on a sample about to be downloaded for this runner, its media request ended by this runner from now on;
    /// false (and the request ended) when the sample is packed already or in hand.
    /// </summary>
    public async ValueTask<bool> BeginAsync(AudioSource source, MediaRequestContext context)
    {
        ThrowIfStagesFailed();
        if (_done.ContainsKey(source.Key) || !_inFlight.TryAdd(source.Key, context))
        {
            Interlocked.Increment(ref _skipped);
            await context.CompleteAsync().ConfigureAwait(false);
            return false;
        }
        _rows.TryAdd(source.Row, new SampleStatus { Row = source.Row, Key = source.Key, Url = source.Url, Status = SampleStatuses.Pending });
        return true;
    }

    /// <summary>Downloads <paramref name="source"/> into this runner's work folder (or memory); a <see cref="SampleRejectedException"/> says why not.</summary>
    public async Task<DownloadedAudio> DownloadAsync(AudioSource source, Request request, IFetcher fetcher, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token, _failure.Token);
        return await _downloader.DownloadAsync(source, request, fetcher, linked.Token).ConfigureAwait(false);
    }

    /// <summary>The download of a sample taken on with <see cref="BeginAsync"/> failed for good.</summary>
    public ValueTask RejectAsync(AudioSource source, SampleRejectedException rejection) => FailAsync(source, rejection.Reason, rejection.Message, 0);

    /// <summary>A sample taken on is left for the next run (its media request stays pending in the frontier): the exception to throw.</summary>
    public OperationCanceledException Abandon(AudioSource source, Exception? cause = null)
    {
        _inFlight.TryRemove(source.Key, out _);
        ThrowIfStagesFailed();
        return new OperationCanceledException($"the download of {source.Url} was abandoned", cause);
    }

    /// <summary>
    /// <paramref name="shared"/>, downloaded by another sink's runner, as this runner's own <paramref name="source"/>:
    /// a copy of the file in this runner's work folder (its conversion deletes it), or the bytes when stored as downloaded.
    /// </summary>
    public async Task<DownloadedAudio> CopyAsync(DownloadedAudio shared, AudioSource source, CancellationToken cancellationToken = default)
    {
        if (_options.NoTranscode)
            return shared with { Source = source, Path = null, Data = shared.Data ?? await File.ReadAllBytesAsync(shared.Path!, cancellationToken).ConfigureAwait(false) };
        var path = Path.Combine(_work, source.Key + ".shared");
        if (shared.Path is { } file)
            File.Copy(file, path, overwrite: true);
        else
            await File.WriteAllBytesAsync(path, shared.Data!, cancellationToken).ConfigureAwait(false);
        return shared with { Source = source, Path = path, Data = null };
    }

    /// <summary>Hands a downloaded sample taken on with <see cref="BeginAsync"/> to the conversions; returns once it is handed on.</summary>
    public async ValueTask TakeAsync(DownloadedAudio downloaded, MediaRequestContext context, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token, _failure.Token);
        try
        {
            Interlocked.Add(ref _bytes, downloaded.Bytes);
            if (!await context.ParkAsync().ConfigureAwait(false))
            {
                // A shared crawl took the lease away (this worker was silent too long): another worker packs it.
                _inFlight.TryRemove(downloaded.Source.Key, out _);
                if (downloaded.Path is { } path)
                    File.Delete(path);
                _logger.LogWarning("{Url}: this worker lost its lease on the download (silent past the lease timeout); another worker packs it.", downloaded.Source.Url);
                return;
            }
            Interlocked.Increment(ref _unwritten);
            try
            {
                if (_options.NoTranscode)
                    await StoreAsync(downloaded, linked.Token).ConfigureAwait(false);
                else
                    Interlocked.Add(ref _downloadsBlockedTicks, await WriteTimedAsync(_toConvert!.Writer, downloaded, linked.Token).ConfigureAwait(false));
            }
            catch
            {
                Interlocked.Decrement(ref _unwritten);
                throw;
            }
        }
        catch (Exception ex) when (ex is StorageWriteException || WriteFailures.IsDiskFull(ex))
        {
            // The download could not be written (a full disk): the run fails, and the sample stays pending, never failed.
            _inFlight.TryRemove(downloaded.Source.Key, out _);
            _stageError ??= ex;
            await _failure.CancelAsync().ConfigureAwait(false);
            throw new SinkFailedException($"download {_output}", "write the download", ex);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw Abandon(downloaded.Source, ex); // left pending in the frontier: the next run does it
        }
    }

    private void ThrowIfStagesFailed()
    {
        if (_stageError is { } error)
            throw new SinkFailedException($"download {_output}", "pack the samples", error);
    }

    /// <summary>
    /// Waits for the conversions and the writer to finish what was handed on (or, after <see cref="Abort"/>, drops it),
    /// commits what is packed, and writes the status table and summary.
    /// </summary>
    public async Task<DownloadSummary> CloseAsync(bool cancelled)
    {
        if (_stages is null)
            throw new InvalidOperationException("The downloader is not open.");
        if (_options.NoTranscode)
            _toWrite!.Writer.TryComplete();
        else
            _toConvert!.Writer.TryComplete();
        try
        {
            await _stages.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _stageError ??= ex;
        }
        // Whatever happened, what is fully packed is committed and the tables are written.
        try
        {
            await _writer.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (_stageError is not null && ex is IOException or UnauthorizedAccessException or StorageWriteException)
        {
            _logger.LogError("{Writer}: the last shard could not be closed after the failure ({Message}); its samples are redone next run.", _writer.Name, ex.Message);
        }
        DownloadSummary summary;
        try
        {
            summary = await FinishAsync(cancelled || _stopped || _abort.IsCancellationRequested).ConfigureAwait(false);
        }
        catch (Exception ex) when (_stageError is not null && ex is IOException or UnauthorizedAccessException or StorageWriteException)
        {
            // On a full disk the tables fail too; the first failure is the one to report.
            _logger.LogError("{Output}: the status table and summary could not be written after the failure ({Message}).", _output, ex.Message);
            throw RunFailure(_stageError);
        }
        finally
        {
            await _journal!.DisposeAsync().ConfigureAwait(false);
        }
        if (_stageError is { } error)
            throw RunFailure(error);
        return summary;
    }

    private Exception RunFailure(Exception error) =>
        error is CrawlerException ? error : new CrawlerException($"the download into {_output} failed: {WriteFailures.Describe(error)}", error);

    private void PrepareFolders()
    {
        try
        {
            Directory.CreateDirectory(_output);
            if (Directory.Exists(_work))
                Directory.Delete(_work, recursive: true);
            Directory.CreateDirectory(_work);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CrawlerException($"{_output}: cannot prepare the output folder ({ex.Message}).", ex);
        }
    }

    private async Task RunStageAsync(Func<Task> stage, ChannelWriter<EncodedSample>? next)
    {
        try
        {
            await stage().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _stageError ??= ex;
            await _failure.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            next?.TryComplete();
        }
    }

    /// <summary>Hands an item on; returns the ticks spent blocked on a full channel.</summary>
    private async ValueTask<long> WriteTimedAsync<T>(ChannelWriter<T> next, T item, CancellationToken cancellationToken)
    {
        if (next.TryWrite(item))
            return 0;
        var started = _time.GetTimestamp();
        await next.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        return _time.GetElapsedTime(started).Ticks;
    }

    /// <summary>Stored as downloaded: straight to the writer, no conversion stage.</summary>
    private async Task StoreAsync(DownloadedAudio downloaded, CancellationToken cancellationToken)
    {
        var source = downloaded.Source;
        var status = new SampleStatus
        {
            Row = source.Row,
            Key = source.Key,
            Url = source.Url,
            Status = SampleStatuses.Success,
            Bytes = downloaded.Bytes,
        };
        var mediaType = downloaded.ContentType?.Split(';', 2)[0].Trim();
        var extension = AudioFileExtension.For(downloaded.Container, downloaded.FinalUrl ?? source.Url, mediaType);
        var sample = new EncodedSample(source.Key, extension, downloaded.Data!, LaionSampleJson.CreateStored(downloaded), status);
        await _toWrite!.Writer.WriteAsync(sample, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _converted);
    }

    private async Task ConvertAsync(ChannelReader<DownloadedAudio> downloads, ChannelWriter<EncodedSample> next, CancellationToken cancellationToken)
    {
        while (await NextBatchAsync(downloads, cancellationToken).ConfigureAwait(false) is { Count: > 0 } batch)
        {
            try
            {
                var results = await _transcoder.TranscodeBatchAsync(batch.Select(d => new TranscodeJob(d.Path!, d.Source.Segment)).ToArray(), cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                    await HandOnAsync(batch[i], results[i], next, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                foreach (var download in batch)
                    File.Delete(download.Path!);
            }
        }
    }

    /// <summary>
    /// The downloads one ffmpeg process converts together: whatever is queued now, up to the batch limits and a fair
    /// share of the queue per transcoder, never waiting for more to arrive. Empty when the downloads are done.
    /// </summary>
    private async Task<IReadOnlyList<DownloadedAudio>> NextBatchAsync(ChannelReader<DownloadedAudio> downloads, CancellationToken cancellationToken)
    {
        if (!downloads.TryRead(out var first))
        {
            var started = _time.GetTimestamp();
            var more = await downloads.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _transcodersIdleTicks, _time.GetElapsedTime(started).Ticks);
            if (!more || !downloads.TryRead(out first))
                return more ? await NextBatchAsync(downloads, cancellationToken).ConfigureAwait(false) : [];
        }
        var transcode = _options.Transcode;
        var share = downloads.CanCount ? (downloads.Count + 1 + _options.TranscodeWorkers - 1) / Math.Max(_options.TranscodeWorkers, 1) : transcode.BatchMaxFiles;
        var limit = Math.Clamp(share, 1, Math.Max(transcode.BatchMaxFiles, 1));
        var budget = transcode.BatchAudioSeconds * TranscodeOptions.BatchBytesPerSecond;
        var batch = new List<DownloadedAudio> { first };
        var bytes = first.Bytes;
        while (batch.Count < limit && bytes < budget && downloads.TryPeek(out var candidate) && bytes + candidate.Bytes <= budget && downloads.TryRead(out candidate))
        {
            batch.Add(candidate);
            bytes += candidate.Bytes;
        }
        return batch;
    }

    private async Task HandOnAsync(DownloadedAudio download, TranscodeResult result, ChannelWriter<EncodedSample> next, CancellationToken cancellationToken)
    {
        if (result.Audio is not { } audio)
        {
            var rejection = result.Rejection!;
            await FailAsync(download.Source, rejection.Reason, rejection.Message, download.Bytes).ConfigureAwait(false);
            Interlocked.Decrement(ref _unwritten);
            return;
        }
        var status = new SampleStatus
        {
            Row = download.Source.Row,
            Key = download.Source.Key,
            Url = download.Source.Url,
            Status = SampleStatuses.Success,
            Bytes = download.Bytes,
            Duration = Math.Round(audio.DurationSeconds, 3),
        };
        var sample = new EncodedSample(download.Source.Key, _options.Transcode.Extension, audio.Data, LaionSampleJson.Create(download, audio), status) { AudioFile = audio.File };
        Interlocked.Add(ref _transcodersBlockedTicks, await WriteTimedAsync(next, sample, cancellationToken).ConfigureAwait(false));
        Interlocked.Increment(ref _converted);
        Counters?.Increment(MediaCounters.Transcoded);
    }

    private async Task WriteAsync(ChannelReader<EncodedSample> samples, CancellationToken cancellationToken)
    {
        await foreach (var sample in samples.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await _writerGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _writer.WriteAsync(sample, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writerGate.Release();
            }
            Interlocked.Decrement(ref _unwritten);
        }
    }

    /// <summary>
    /// Waits until every sample handed on so far has reached the writer (or failed), then commits the open shard:
    /// their media requests complete. The stages go on; the next sample starts a new shard.
    /// </summary>
    public async ValueTask SealAsync(CancellationToken cancellationToken = default)
    {
        while (Interlocked.Read(ref _unwritten) > 0)
        {
            ThrowIfStagesFailed();
            await Task.Delay(SealPoll, _time, cancellationToken).ConfigureAwait(false);
        }
        await _writerGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfStagesFailed();
            await _writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writerGate.Release();
        }
    }

    private async ValueTask FailAsync(AudioSource source, string reason, string message, long bytes)
    {
        var status = new SampleStatus
        {
            Row = source.Row,
            Key = source.Key,
            Url = source.Url,
            Status = SampleStatuses.Failed,
            Reason = reason,
            ErrorMessage = message,
            Bytes = bytes,
        };
        _rows[source.Row] = status;
        _failures.AddOrUpdate(reason, 1, (_, n) => n + 1);
        _writer.NoteFailure(status);
        Interlocked.Increment(ref _failed);
        Counters?.Increment(MediaCounters.DownloadFailed);
        Counters?.Increment(MediaCounters.FailedReasonPrefix + reason);
        _logger.LogInformation("Row {Row} failed ({Reason}): {Message}", source.Row, reason, message);
        await _journal!.AppendAsync([status], CancellationToken.None).ConfigureAwait(false);
        if (_inFlight.TryRemove(source.Key, out var request))
            await request.FailAsync(reason, message).ConfigureAwait(false);
    }

    /// <summary>
    /// Before a shard is committed, every one of its samples' requests must still be this worker's (in a local crawl
    /// they always are). A worker of a shared crawl that was silent past the lease timeout (paused, partitioned) has
    /// lost them to another worker, which packs them again: then the shard is dropped and the requests it still holds
    /// go back to the queue, so that no sample is packed twice.
    /// </summary>
    private async ValueTask<bool> MayCommitAsync(IReadOnlyList<SampleStatus> statuses)
    {
        var held = new List<MediaRequestContext>(statuses.Count);
        var lost = 0;
        foreach (var status in statuses)
        {
            if (!_inFlight.TryGetValue(status.Key, out var context))
                continue;
            if (await context.ParkAsync().ConfigureAwait(false))
                held.Add(context);
            else
                lost++;
        }
        if (lost == 0)
            return true;
        _logger.LogWarning("{Writer}: {Lost} of the {Count} samples of the shard being closed went to another worker while this one was silent past the lease timeout; the shard is dropped and its other {Held} samples go back to the queue, so that no sample is packed twice.",
            _writer.Name, lost, statuses.Count, held.Count);
        foreach (var status in statuses)
            _inFlight.TryRemove(status.Key, out _);
        foreach (var context in held)
            await context.GiveBackAsync().ConfigureAwait(false);
        Interlocked.Add(ref _converted, -statuses.Count);
        return false;
    }

    private async ValueTask OnCommittedAsync(IReadOnlyList<SampleStatus> statuses)
    {
        await _journal!.AppendAsync(statuses, CancellationToken.None).ConfigureAwait(false);
        foreach (var status in statuses)
        {
            _done[status.Key] = true;
            if (_inFlight.TryRemove(status.Key, out var request))
                await request.CompleteAsync().ConfigureAwait(false);
            _rows[status.Row] = status;
            Interlocked.Increment(ref _succeeded);
            Interlocked.Add(ref _audioMilliseconds, (long)(status.Duration * 1000));
        }
        Counters?.Increment(MediaCounters.Downloaded, statuses.Count);
        Counters?.Increment(MediaCounters.Shards, statuses.Select(s => s.Shard).Where(shard => shard is not null).Distinct(StringComparer.Ordinal).Count());
    }

    private async Task<DownloadSummary> FinishAsync(bool cancelled)
    {
        var rows = _rows.Values.ToArray();
        await StatusTable.WriteAsync(_output, rows, CancellationToken.None).ConfigureAwait(false);
        var summary = new DownloadSummary
        {
            Rows = rows.Length,
            Succeeded = Interlocked.Read(ref _succeeded),
            Failed = Interlocked.Read(ref _failed),
            Duplicates = Interlocked.Read(ref _duplicates),
            SkippedDoneBefore = Interlocked.Read(ref _skipped),
            FailuresByReason = new SortedDictionary<string, long>(_failures, StringComparer.Ordinal),
            BytesDownloaded = Interlocked.Read(ref _bytes),
            AudioSeconds = Interlocked.Read(ref _audioMilliseconds) / 1000.0,
            ElapsedSeconds = _time.GetElapsedTime(_started).TotalSeconds,
            StageWaits = new StageWaits
            {
                DownloadsWaitingForTranscoders = Math.Round(TimeSpan.FromTicks(Interlocked.Read(ref _downloadsBlockedTicks)).TotalSeconds, 3),
                TranscodersWaitingForDownloads = Math.Round(TimeSpan.FromTicks(Interlocked.Read(ref _transcodersIdleTicks)).TotalSeconds, 3),
                TranscodersWaitingForWriter = Math.Round(TimeSpan.FromTicks(Interlocked.Read(ref _transcodersBlockedTicks)).TotalSeconds, 3),
                FfmpegProcesses = _transcoder.ProcessesStarted,
                FfmpegInputs = _transcoder.InputsConverted,
            },
            Cancelled = cancelled,
            Output = _output,
        };
        var path = Path.Combine(_output, SummaryFileName);
        await File.WriteAllTextAsync(path + ".tmp", JsonSerializer.Serialize(summary, SummaryJson), CancellationToken.None).ConfigureAwait(false);
        File.Move(path + ".tmp", path, overwrite: true);
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException ex)
        {
            _logger.LogWarning("Could not remove the work folder {Folder}: {Message}", _work, ex.Message);
        }
        return summary;
    }

    private static readonly JsonSerializerOptions SummaryJson = new() { WriteIndented = true };
}
