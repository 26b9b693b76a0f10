using System.IO.Enumeration;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Crawler.Abstractions;
using Crawler.Core.Pipeline;
using Sinks.Download;

namespace Sinks.WebDataset;

/// <summary>
/// Packs a folder of loose samples (<c>{key}.{audio}</c> + <c>{key}.json</c>, as <c>audiocrawl download --format files</c>
/// writes them) into WebDataset shards, in key order, through the same <see cref="WebDatasetWriter"/> as the download.
/// The folder is checked before anything is written; files are read in batches on the thread pool, a few batches
/// ahead of the single tar writer.
/// A re-run into the same output skips the keys already in finished shards, so an interrupted pack resumes.
/// A sample the crawl's item pipeline would refuse (its JSON not an object, its <c>original_data.url</c> not an
/// absolute http(s) URL, its text empty after normalisation) or with an empty audio file is skipped and counted,
/// with its number and the reason, in <see cref="PackSummary.BadSamples"/>.
/// </summary>
public sealed class FilesFolderPacker(string input, WebDatasetWriter writer, TimeProvider time)
{
    private const int BatchSize = 64;
    private const int BatchesAhead = 4;
    private const int ProblemsShown = 5;

    /// <summary>Files a download run leaves next to the samples; they are not samples.</summary>
    private static readonly HashSet<string> RunFiles = new(StringComparer.Ordinal)
    {
        DownloadRunner.SummaryFileName, StatusTable.FileName, StatusJournal.FileName, SizesFile.FileName,
    };

    private long _committed;
    private IReadOnlyList<LooseSample>? _samples;

    /// <summary>
    /// Checks the folder before anything is written: every file pairs up as {key}.&lt;audio&gt; + {key}.json and there
    /// is at least one sample; throws naming what is wrong. <see cref="PackAsync"/> checks it too if this was not called.
    /// </summary>
    public void Check() => _samples ??= Scan();

    /// <summary>
    /// Packs every sample not packed yet. <paramref name="stopToken"/> stops between samples; what is packed so far
    /// is committed (the partial shard closed) either way, so a later run continues after it.
    /// </summary>
    public async Task<PackSummary> PackAsync(CancellationToken stopToken = default)
    {
        var started = time.GetTimestamp();
        var samples = _samples ??= Scan();
        var packed = await writer.OpenAsync(OnCommitted, CancellationToken.None).ConfigureAwait(false);
        var todo = samples.Where(s => !packed.Contains(s.Key)).ToArray();
        long bytes = 0;
        var bad = new List<string>();
        try
        {
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(stopToken);
            var loads = Channel.CreateBounded<Task<LoadedSample[]>>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
            var produce = ProduceAsync(todo, loads.Writer, reading.Token);
            try
            {
                await foreach (var load in loads.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    foreach (var sample in await load.ConfigureAwait(false))
                    {
                        if (stopToken.IsCancellationRequested)
                            break;
                        if (sample.Error is { } error)
                            throw error; // the samples before it in the batch are packed, and committed below
                        if (sample.Problem is { } problem)
                        {
                            bad.Add(problem);
                            continue;
                        }
                        await writer.WriteAsync(sample.Key, sample.Extension, sample.Audio, sample.Json, sample.Status, CancellationToken.None).ConfigureAwait(false);
                        bytes += sample.Audio.Length + sample.Json.Length;
                    }
                    if (stopToken.IsCancellationRequested)
                        break;
                }
            }
            catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
            {
            }
            finally
            {
                await reading.CancelAsync().ConfigureAwait(false);
                await DrainAsync(loads.Reader).ConfigureAwait(false);
                await produce.ConfigureAwait(false);
            }
        }
        finally
        {
            await writer.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            await writer.DisposeAsync().ConfigureAwait(false);
        }
        return new PackSummary
        {
            Packed = Interlocked.Read(ref _committed),
            AlreadyPacked = samples.Count - todo.Length,
            BytesRead = bytes,
            ElapsedSeconds = time.GetElapsedTime(started).TotalSeconds,
            Cancelled = stopToken.IsCancellationRequested,
            Output = writer.Name,
            BadSamples = bad,
        };
    }

    private ValueTask OnCommitted(IReadOnlyList<SampleStatus> statuses)
    {
        Interlocked.Add(ref _committed, statuses.Count);
        return ValueTask.CompletedTask;
    }

    /// <summary>Pairs the files up by key and refuses a folder with orphans or ambiguous samples, naming them.</summary>
    private IReadOnlyList<LooseSample> Scan()
    {
        if (!Directory.Exists(input))
            throw new CrawlerException($"{input}: no such folder.");
        var json = new HashSet<string>(StringComparer.Ordinal);
        var audio = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            var names = new FileSystemEnumerable<string>(input, (ref FileSystemEntry entry) => entry.FileName.ToString())
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
            };
            foreach (var name in names)
            {
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                if (dot <= 0 || RunFiles.Contains(name) || name.EndsWith(".tmp", StringComparison.Ordinal) || name[(dot + 1)..].Contains('.', StringComparison.Ordinal))
                    continue;
                var (key, suffix) = (name[..dot], name[(dot + 1)..]);
                if (suffix == "json")
                    json.Add(key);
                else
                    (audio.TryGetValue(key, out var list) ? list : audio[key] = []).Add(suffix);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CrawlerException($"{input}: cannot list the folder ({ex.Message}).", ex);
        }

        var problems = new List<string>();
        var samples = new List<LooseSample>();
        foreach (var key in json.Order(StringComparer.Ordinal))
        {
            if (!audio.TryGetValue(key, out var suffixes))
                problems.Add($"{key}.json has no audio file next to it");
            else if (suffixes.Count > 1)
                problems.Add($"{key} has {suffixes.Count} audio files ({string.Join(", ", suffixes.Order(StringComparer.Ordinal).Select(s => $"{key}.{s}"))}); keep one");
            else
                samples.Add(new LooseSample(key, suffixes[0]));
        }
        foreach (var key in audio.Keys.Where(k => !json.Contains(k)).Order(StringComparer.Ordinal))
            problems.Add($"{key}.{audio[key][0]} has no {key}.json (a download stopped before writing it? run the download again into {input} to finish it)");
        if (problems.Count > 0)
        {
            var shown = string.Join(Environment.NewLine, problems.Take(ProblemsShown).Select(p => "  " + p));
            var more = problems.Count > ProblemsShown ? $"{Environment.NewLine}  ... and {problems.Count - ProblemsShown} more" : "";
            throw new CrawlerException($"{input}: {problems.Count} file(s) do not pair up as {{key}}.<audio> + {{key}}.json; nothing was packed:{Environment.NewLine}{shown}{more}");
        }
        if (samples.Count == 0)
            throw new CrawlerException($"{input}: no samples ({{key}}.<audio> + {{key}}.json pairs) in this folder.");
        return samples;
    }

    private async Task ProduceAsync(IReadOnlyList<LooseSample> samples, ChannelWriter<Task<LoadedSample[]>> loads, CancellationToken cancellationToken)
    {
        try
        {
            for (var first = 0; first < samples.Count; first += BatchSize)
            {
                var start = first;
                var batch = samples.Skip(start).Take(BatchSize).ToArray();
                // Synchronous reads in a thread-pool batch: on Linux an async file read is a thread-pool read anyway,
                // and one work item per 64 samples instead of two awaits per file halves the CPU the reading costs.
                var load = Task.Run(() => batch.Select((sample, i) => LoadOrFail(sample, start + i + 1, cancellationToken)).ToArray(), cancellationToken);
                await loads.WriteAsync(load, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            loads.TryComplete();
        }
    }

    private static async Task DrainAsync(ChannelReader<Task<LoadedSample[]>> loads)
    {
        while (loads.TryRead(out var load))
        {
            try
            {
                await load.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // read ahead and never packed: its failure does not matter any more
            }
        }
    }

    private LoadedSample LoadOrFail(LooseSample sample, long row, CancellationToken cancellationToken)
    {
        try
        {
            return Load(sample, row, cancellationToken);
        }
        catch (CrawlerException ex)
        {
            return new LoadedSample(sample.Key, sample.Extension, [], [], new SampleStatus()) { Error = ex };
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs 10,000s of times in a run of a second or two
    private LoadedSample Load(LooseSample sample, long row, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var audioPath = Path.Combine(input, $"{sample.Key}.{sample.Extension}");
        var jsonPath = Path.Combine(input, sample.Key + ".json");
        var audio = Read(audioPath);
        var json = Read(jsonPath);
        var status = new SampleStatus { Row = row, Key = sample.Key, Status = SampleStatuses.Success, Bytes = audio.Length };
        LoadedSample Bad(string path, string reason) =>
            new(sample.Key, sample.Extension, [], [], status) { Problem = $"sample {row} ({path}): {reason}; fix or remove it, then pack again" };
        if (audio.Length == 0)
            return Bad(audioPath, "the audio file is empty");
        string? text = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return Bad(jsonPath, $"the top level of the JSON is {document.RootElement.ValueKind}, not an object");
            if (document.RootElement.TryGetProperty("text", out var texts))
                text = TextOf(texts);
            if (document.RootElement.TryGetProperty("original_data", out var original) && original.ValueKind == JsonValueKind.Object)
            {
                if (original.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String)
                    status.Url = url.GetString()!;
                if (original.TryGetProperty("duration", out var duration) && duration.ValueKind == JsonValueKind.Number)
                    status.Duration = duration.GetDouble();
            }
        }
        catch (JsonException ex)
        {
            return Bad(jsonPath, $"not a JSON object ({ex.Message})");
        }
        if (PairNormalizer.Normalize(status.Url, text, out var dropReason) is null)
            return Bad(jsonPath, $"{ItemDropReasons.Describe(dropReason!)} (original_data.url '{status.Url}')");
        return new LoadedSample(sample.Key, sample.Extension, audio, json, status);
    }

    /// <summary>The caption of a sample: the LAION format's <c>text</c> array holds it first (a plain string is taken too).</summary>
    private static string? TextOf(JsonElement text) => text.ValueKind switch
    {
        JsonValueKind.String => text.GetString(),
        JsonValueKind.Array when text.GetArrayLength() > 0 && text[0].ValueKind == JsonValueKind.String => text[0].GetString(),
        _ => null,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] Read(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            var length = RandomAccess.GetLength(handle);
            if (length > Array.MaxLength)
                throw new IOException($"{length} bytes is more than one sample can hold");
            var bytes = new byte[length];
            var read = 0;
            while (read < bytes.Length && RandomAccess.Read(handle, bytes.AsSpan(read), read) is var n and > 0)
                read += n;
            return read == bytes.Length ? bytes : bytes[..read];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CrawlerException($"{path}: cannot read it ({ex.Message}); the samples packed so far are kept, and packing again continues after them.", ex);
        }
    }

    private sealed record LooseSample(string Key, string Extension);

    private sealed record LoadedSample(string Key, string Extension, byte[] Audio, byte[] Json, SampleStatus Status)
    {
        /// <summary>Why the sample could not be read; the writer stops there.</summary>
        public CrawlerException? Error { get; init; }

        /// <summary>Why the sample is not packed (a bad sample: counted, and the rest packed), or null.</summary>
        public string? Problem { get; init; }
    }
}
