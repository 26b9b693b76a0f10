using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using AudioCrawl.Core;
using AudioCrawl.Core.Http;
using AudioCrawl.Core.Stats;
using Microsoft.Extensions.Logging;

namespace AudioCrawl.Sinks.Download;

/// <summary>
/// Rows in, packed samples out, and a status for every row. Three stages joined by bounded channels: downloads
/// (<see cref="DownloadOptions.Concurrency"/> at once; per-host politeness is the fetcher's), conversions (one per core by
/// default) and one writer. A re-run over the same output folder skips what is packed (and, unless retrying
/// failures, what failed), so nothing packed is downloaded twice.
/// </summary>
public sealed class DownloadRunner
{
    public const string SummaryFileName = "summary.json";
    private const string WorkFolderName = "_work";

    private readonly ISampleWriter _writer;
    private readonly string _output;
    private readonly DownloadOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly AudioDownloader _downloader;
    private readonly AudioTranscoder _transcoder;
    private readonly string _work;
    private readonly ConcurrentDictionary<long, SampleStatus> _rows = new();
    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _abort = new();
    private StatusJournal? _journal;
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

    public DownloadRunner(IFetcher fetcher, IReadOnlyList<IMediaResolver> resolvers, ISampleWriter writer, string outputFolder, DownloadOptions options, ILogger logger, TimeProvider time)
    {
        _writer = writer;
        _output = outputFolder;
        _options = options;
        _logger = logger;
        _time = time;
        _work = Path.Combine(outputFolder, WorkFolderName);
        _downloader = new AudioDownloader(fetcher, resolvers, _work, keepInMemory: options.NoTranscode);
        _transcoder = new AudioTranscoder(options.Transcode);
    }

    /// <summary>Where samples packed and failed, files transcoded and shards finished are counted too (<see cref="MediaCounters"/>): the crawl's stats.</summary>
    public CounterSet? Counters { get; init; }

    /// <summary>Samples in finished shards so far in this run.</summary>
    public long Succeeded => Interlocked.Read(ref _succeeded);

    /// <summary>Samples converted and handed to the writer so far in this run (ahead of <see cref="Succeeded"/> by the open shards).</summary>
    public long Converted => Interlocked.Read(ref _converted);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>
    /// Runs until the rows are exhausted. <paramref name="stopToken"/> is a graceful stop: no new rows are taken,
    /// the rows in flight finish and are packed. <see cref="Abort"/> drops the rows in flight instead (they are
    /// redone next run). Either way finished samples are committed and the status table and summary written.
    /// </summary>
    public async Task<DownloadSummary> RunAsync(IAsyncEnumerable<AudioSource> sources, CancellationToken stopToken = default)
    {
        var started = _time.GetTimestamp();
        CheckTools();
        PrepareFolders();
        await using var journal = await StatusJournal.OpenAsync(_output, stopToken).ConfigureAwait(false);
        _journal = journal;
        var packed = await _writer.OpenAsync(OnCommittedAsync, stopToken).ConfigureAwait(false);

        using var failure = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        using var producing = CancellationTokenSource.CreateLinkedTokenSource(stopToken, failure.Token);
        var toFetch = Channel.CreateBounded<AudioSource>(new BoundedChannelOptions(Math.Max(_options.Concurrency, 1) * 2) { SingleWriter = true });
        // Room for a full batch per transcoder: downloads wait on disk in the work folder, not in memory.
        var toConvert = Channel.CreateBounded<DownloadedAudio>(new BoundedChannelOptions(Math.Max(_options.TranscodeWorkers, 1) * Math.Max(_options.Transcode.BatchMaxFiles, 2)));
        var toWrite = Channel.CreateBounded<EncodedSample>(new BoundedChannelOptions(64) { SingleReader = true });

        var produce = RunStageAsync(() => ProduceAsync(sources, packed, toFetch.Writer, producing.Token), toFetch.Writer, failure);
        var fetchers = Enumerable.Range(0, Math.Max(_options.Concurrency, 1));
        Task fetch, convert;
        if (_options.NoTranscode)
        {
            // Stored as downloaded: the fetch workers hand samples straight to the writer, no conversion stage.
            fetch = RunStageAsync(() => Task.WhenAll(fetchers.Select(_ => FetchAndStoreAsync(toFetch.Reader, toWrite.Writer, failure.Token))), toWrite.Writer, failure);
            convert = Task.CompletedTask;
        }
        else
        {
            fetch = RunStageAsync(() => Task.WhenAll(fetchers.Select(_ => FetchAsync(toFetch.Reader, toConvert.Writer, failure.Token))), toConvert.Writer, failure);
            convert = RunStageAsync(() => Task.WhenAll(Enumerable.Range(0, Math.Max(_options.TranscodeWorkers, 1)).Select(_ => ConvertAsync(toConvert.Reader, toWrite.Writer, failure.Token))), toWrite.Writer, failure);
        }
        var write = RunStageAsync(() => WriteAsync(toWrite.Reader, failure.Token), null, failure);

        Exception? error = null;
        try
        {
            await Task.WhenAll(produce, fetch, convert, write).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            error = (new[] { produce, fetch, convert, write }).Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException) ?? ex;
        }
        // Whatever happened, what is fully packed is committed and the tables are written.
        try
        {
            await _writer.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (error is not null && ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogError("{Writer}: the last shard could not be closed after the failure ({Message}); its samples are redone next run.", _writer.Name, ex.Message);
        }
        var summary = await FinishAsync(started, stopToken.IsCancellationRequested || _abort.IsCancellationRequested).ConfigureAwait(false);
        if (error is not null)
            throw error is CrawlerException ? error : new CrawlerException($"the download into {_output} failed: {error.Message}", error);
        return summary;
    }

    /// <summary>Fails early when ffmpeg or ffprobe is missing (and needed: storing as downloaded needs neither).</summary>
    public void CheckTools()
    {
        if (!_options.NoTranscode)
            _transcoder.EnsureAvailable();
    }

    /// <summary>Stops at once: downloads and conversions in flight are dropped and redone by the next run.</summary>
    public void Abort() => _abort.Cancel();

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

    private static async Task RunStageAsync(Func<Task> stage, ChannelWriter<EncodedSample>? next, CancellationTokenSource failure) =>
        await RunStageCoreAsync(stage, () => next?.TryComplete(), failure).ConfigureAwait(false);

    private static async Task RunStageAsync<T>(Func<Task> stage, ChannelWriter<T> next, CancellationTokenSource failure) =>
        await RunStageCoreAsync(stage, () => next.TryComplete(), failure).ConfigureAwait(false);

    private static async Task RunStageCoreAsync(Func<Task> stage, Action complete, CancellationTokenSource failure)
    {
        try
        {
            await stage().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await failure.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            complete();
        }
    }

    private async Task ProduceAsync(IAsyncEnumerable<AudioSource> sources, IReadOnlySet<string> packed, ChannelWriter<AudioSource> next, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var previous = _journal!.Previous;
        try
        {
            await ProduceCoreAsync(sources, packed, next, seen, previous, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_abort.IsCancellationRequested)
        {
            _logger.LogWarning("Stopping: no new rows; the {Count} rows in flight are finished and packed.", _rows.Count(r => r.Value.Status == SampleStatuses.Pending));
        }
    }

    private async Task ProduceCoreAsync(IAsyncEnumerable<AudioSource> sources, IReadOnlySet<string> packed, ChannelWriter<AudioSource> next, HashSet<string> seen, IReadOnlyDictionary<string, SampleStatus> previous, CancellationToken cancellationToken)
    {
        await foreach (var source in sources.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var status = new SampleStatus { Row = source.Row, Key = source.Key, Url = source.Url, Status = SampleStatuses.Pending };
            _rows[source.Row] = status;
            if (!seen.Add(source.Key))
            {
                status.Status = SampleStatuses.Duplicate;
                Interlocked.Increment(ref _duplicates);
                continue;
            }
            if (source.Problem is { } problem)
            {
                await FailAsync(source, SampleFailureReasons.BadRow, problem, 0).ConfigureAwait(false);
                continue;
            }
            var before = previous.GetValueOrDefault(source.Key);
            if (packed.Contains(source.Key))
            {
                status.Status = SampleStatuses.Success;
                if (before is { Status: SampleStatuses.Success })
                {
                    status.Bytes = before.Bytes;
                    status.Duration = before.Duration;
                    status.Shard = before.Shard;
                }
                Interlocked.Increment(ref _skipped);
                continue;
            }
            var failedBefore = before is { Status: SampleStatuses.Failed };
            if (failedBefore && !_options.RetryFailed)
            {
                status.Status = SampleStatuses.Failed;
                status.Reason = before!.Reason;
                status.ErrorMessage = before.ErrorMessage;
                status.Bytes = before.Bytes;
                Interlocked.Increment(ref _skipped);
                continue;
            }
            if (!failedBefore && _options.RetryFailed)
                continue;
            await next.WriteAsync(source, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FetchAsync(ChannelReader<AudioSource> sources, ChannelWriter<DownloadedAudio> next, CancellationToken cancellationToken)
    {
        await foreach (var source in sources.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await TryDownloadAsync(source, cancellationToken).ConfigureAwait(false) is { } downloaded)
                Interlocked.Add(ref _downloadsBlockedTicks, await WriteTimedAsync(next, downloaded, cancellationToken).ConfigureAwait(false));
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

    /// <summary>The download, counted; null when it was rejected (the row is then marked failed with the reason).</summary>
    private async Task<DownloadedAudio?> TryDownloadAsync(AudioSource source, CancellationToken cancellationToken)
    {
        DownloadedAudio downloaded;
        try
        {
            downloaded = await _downloader.DownloadAsync(source, cancellationToken).ConfigureAwait(false);
        }
        catch (SampleRejectedException ex)
        {
            await FailAsync(source, ex.Reason, ex.Message, 0).ConfigureAwait(false);
            return null;
        }
        Interlocked.Add(ref _bytes, downloaded.Bytes);
        return downloaded;
    }

    private async Task FetchAndStoreAsync(ChannelReader<AudioSource> sources, ChannelWriter<EncodedSample> next, CancellationToken cancellationToken)
    {
        await foreach (var source in sources.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await TryDownloadAsync(source, cancellationToken).ConfigureAwait(false) is not { } downloaded)
                continue;
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
            await next.WriteAsync(sample, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _converted);
        }
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
            await _writer.WriteAsync(sample, cancellationToken).ConfigureAwait(false);
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
    }

    private async ValueTask OnCommittedAsync(IReadOnlyList<SampleStatus> statuses)
    {
        await _journal!.AppendAsync(statuses, CancellationToken.None).ConfigureAwait(false);
        foreach (var status in statuses)
        {
            _rows[status.Row] = status;
            Interlocked.Increment(ref _succeeded);
            Interlocked.Add(ref _audioMilliseconds, (long)(status.Duration * 1000));
        }
        Counters?.Increment(MediaCounters.Downloaded, statuses.Count);
        Counters?.Increment(MediaCounters.Shards, statuses.Select(s => s.Shard).Where(shard => shard is not null).Distinct(StringComparer.Ordinal).Count());
    }

    private async Task<DownloadSummary> FinishAsync(long started, bool cancelled)
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
            ElapsedSeconds = _time.GetElapsedTime(started).TotalSeconds,
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
