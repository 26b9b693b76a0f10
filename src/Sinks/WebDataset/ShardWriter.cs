using System.Formats.Tar;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Crawler.Abstractions;
using Sinks.Download;

namespace Sinks.WebDataset;

/// <summary>
/// The shards of one folder. Samples stream into <c>{prefix}{index:D5}.tar.tmp</c> (audio member, then JSON
/// member); when the shard holds its quota it is synced, its <c>_stats.json</c> written, renamed to
/// <c>.tar</c>, and <c>sizes.json</c> rewritten. A killed run leaves only a <c>.tmp</c>, which the next run
/// deletes and redoes; finished shards are kept and their keys count as packed.
/// </summary>
public sealed partial class ShardWriter(string folder, WebDatasetOptions options, TimeProvider time)
{
    private const string TemporarySuffix = ".tmp";
    private readonly Dictionary<string, int> _sizes = new(StringComparer.Ordinal);
    private readonly List<SampleStatus> _pending = [];
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly Lock _failuresGate = new();
    private Func<IReadOnlyList<SampleStatus>, ValueTask>? _committed;
    private Func<IReadOnlyList<SampleStatus>, ValueTask<bool>>? _mayCommit;
    private readonly List<IShardObserver> _observers = [];
    private int _nextIndex;
    private FileStream? _stream;
    private TarMemberWriter? _tar;
    private string? _shardName;
    private int _shardIndex;
    private DateTimeOffset _shardStarted;
    private long _audioBytes;
    private bool _broken;

    public string Folder => folder;

    /// <summary>Asks <paramref name="mayCommit"/> before each shard is renamed; a shard it refuses is deleted and its name reused.</summary>
    public void GuardCommits(Func<IReadOnlyList<SampleStatus>, ValueTask<bool>> mayCommit) => _mayCommit = mayCommit;

    /// <summary>Adds <paramref name="observer"/> to those told of every shard finished from now on.</summary>
    public void Observe(IShardObserver observer) => _observers.Add(observer);

    /// <summary>Cleans up after a killed run and returns the keys packed in finished shards.</summary>
    public async Task<IReadOnlySet<string>> OpenAsync(Func<IReadOnlyList<SampleStatus>, ValueTask> committed, CancellationToken cancellationToken = default)
    {
        _committed = committed;
        Directory.CreateDirectory(folder);
        foreach (var leftover in Directory.EnumerateFiles(folder, "*" + TemporarySuffix))
            File.Delete(leftover);

        var packed = new HashSet<string>(StringComparer.Ordinal);
        var shardPattern = ShardName();
        foreach (var path in Directory.EnumerateFiles(folder, "*.tar").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var match = shardPattern.Match(name);
            if (!match.Success || match.Groups["prefix"].Value != options.ShardPrefix)
                continue;
            var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
            _nextIndex = Math.Max(_nextIndex, index + 1);
            _sizes[name] = await ReadKeysAsync(path, packed, cancellationToken).ConfigureAwait(false);
        }
        foreach (var stats in Directory.EnumerateFiles(folder, "*_stats.json"))
        {
            var shard = Path.GetFileName(stats)[..^"_stats.json".Length] + ".tar";
            if (!File.Exists(Path.Combine(folder, shard)))
                File.Delete(stats);
        }
        await SizesFile.WriteAsync(folder, _sizes, cancellationToken).ConfigureAwait(false);
        return packed;
    }

    public async ValueTask WriteAsync(EncodedSample sample, CancellationToken cancellationToken = default)
    {
        if (sample.AudioFile is not { } file)
        {
            await WriteAsync(sample.Key, sample.Extension, sample.Audio, JsonSerializer.SerializeToUtf8Bytes(sample.Json), sample.Status, cancellationToken).ConfigureAwait(false);
            return;
        }
        await using (var audio = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, useAsync: false))
            await WriteAsync(sample.Key, sample.Extension, new AudioData(audio, audio.Length), JsonSerializer.SerializeToUtf8Bytes(sample.Json), sample.Status, cancellationToken).ConfigureAwait(false);
        File.Delete(file);
    }

    /// <summary>Packs one sample whose JSON is already serialised (as <c>audiocrawl pack</c> finds it on disk).</summary>
    public ValueTask WriteAsync(string key, string extension, byte[] audio, byte[] json, SampleStatus status, CancellationToken cancellationToken = default) =>
        WriteAsync(key, extension, new AudioData(audio), json, status, cancellationToken);

    /// <summary>A sample's audio: bytes in memory, or a stream copied into the member.</summary>
    private readonly record struct AudioData(byte[]? Bytes, Stream? Stream, long Length)
    {
        public AudioData(byte[] bytes) : this(bytes, null, bytes.Length) { }

        public AudioData(Stream stream, long length) : this(null, stream, length) { }
    }

    private async ValueTask WriteAsync(string key, string extension, AudioData audio, byte[] json, SampleStatus status, CancellationToken cancellationToken)
    {
        if (!SampleKey.IsValid(key))
            throw new ArgumentException($"'{key}' is no WebDataset key: keys hold no dots or path separators.", nameof(key));
        if (_broken)
            throw new IOException($"{Path.Combine(folder, _shardName! + TemporarySuffix)}: an earlier write failed; the shard is abandoned and takes no more samples.");
        if (_tar is null)
            StartShard();
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        // A sample is written whole or the shard is abandoned: cancellation is only honoured between samples,
        // and a failed write marks the shard broken so it is never renamed with a torn member inside.
        _broken = true;
        if (audio.Stream is { } stream)
            await _tar!.WriteAsync($"{key}.{extension}", stream, audio.Length, now, CancellationToken.None).ConfigureAwait(false);
        else
            await WriteMemberAsync($"{key}.{extension}", audio.Bytes!, now).ConfigureAwait(false);
        await WriteMemberAsync($"{key}.json", json, now).ConfigureAwait(false);
        _broken = false;
        status = status.Copy();
        status.Shard = Path.Combine(Path.GetFileName(folder), _shardName!);
        _pending.Add(status);
        _audioBytes += audio.Length;
        if (_pending.Count >= options.SamplesPerShard)
            await FinishShardAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public void NoteFailure(SampleStatus status)
    {
        lock (_failuresGate)
            _failures[status.Reason ?? "unknown"] = _failures.GetValueOrDefault(status.Reason ?? "unknown") + 1;
    }

    /// <summary>Finishes the current, partial shard (when it holds any sample).</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_tar is not null && _pending.Count > 0 && !_broken)
            await FinishShardAsync(cancellationToken).ConfigureAwait(false);
        else
            await AbandonShardAsync().ConfigureAwait(false);
    }

    /// <summary>Drops an unfinished shard without committing it (its samples are redone next run).</summary>
    public async ValueTask AbandonShardAsync()
    {
        if (_tar is null && !_broken)
            return;
        if (_stream is not null)
            await _stream.DisposeAsync().ConfigureAwait(false);
        File.Delete(Path.Combine(folder, _shardName! + TemporarySuffix));
        _tar = null;
        _stream = null;
        _pending.Clear();
        _broken = false;
    }

    private void StartShard()
    {
        _shardIndex = _nextIndex;
        _shardName = $"{options.ShardPrefix}{_nextIndex.ToString("D5", CultureInfo.InvariantCulture)}.tar";
        _nextIndex++;
        _stream = new FileStream(Path.Combine(folder, _shardName + TemporarySuffix), FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0, useAsync: true); // TarMemberWriter buffers
        _tar = new TarMemberWriter(_stream);
        _shardStarted = time.GetUtcNow();
        _audioBytes = 0;
    }

    private ValueTask WriteMemberAsync(string name, byte[] data, DateTimeOffset modified) =>
        _tar!.WriteAsync(name, data, modified, CancellationToken.None);

    private async Task FinishShardAsync(CancellationToken cancellationToken)
    {
        // Until the rename, a failure (a full disk) leaves the shard broken: abandoned, never renamed half-written.
        _broken = true;
        await _tar!.FinishAsync(CancellationToken.None).ConfigureAwait(false);
        await _stream!.FlushAsync(cancellationToken).ConfigureAwait(false);
        _stream.Flush(flushToDisk: true);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _tar = null;
        _stream = null;
        if (_mayCommit is not null && !await _mayCommit(_pending.ToArray()).ConfigureAwait(false))
        {
            File.Delete(Path.Combine(folder, _shardName! + TemporarySuffix));
            _pending.Clear();
            _nextIndex = _shardIndex;
            _broken = false;
            return;
        }

        var shard = _shardName!;
        Dictionary<string, int> failures;
        lock (_failuresGate)
        {
            failures = new Dictionary<string, int>(_failures, StringComparer.Ordinal);
            _failures.Clear();
        }
        var stats = new ShardStats
        {
            Shard = shard,
            Count = _pending.Count,
            Successes = _pending.Count,
            Failed = failures.Values.Sum(),
            FailuresByReason = new SortedDictionary<string, int>(failures, StringComparer.Ordinal),
            BytesDownloaded = _pending.Sum(s => s.Bytes),
            AudioBytes = _audioBytes,
            DurationSeconds = Math.Round(_pending.Sum(s => s.Duration), 3),
            StartTime = _shardStarted,
            EndTime = time.GetUtcNow(),
        };
        var statsPath = Path.Combine(folder, Path.GetFileNameWithoutExtension(shard) + "_stats.json");
        await File.WriteAllTextAsync(statsPath + TemporarySuffix, JsonSerializer.Serialize(stats, WebDatasetJsonContext.Default.ShardStats), cancellationToken).ConfigureAwait(false);
        File.Move(statsPath + TemporarySuffix, statsPath, overwrite: true);
        File.Move(Path.Combine(folder, shard + TemporarySuffix), Path.Combine(folder, shard), overwrite: false);
        _broken = false;
        _sizes[shard] = _pending.Count;
        await SizesFile.WriteAsync(folder, _sizes, cancellationToken).ConfigureAwait(false);

        var committed = _pending.ToArray();
        _pending.Clear();
        await _committed!(committed).ConfigureAwait(false);
        var completed = new CompletedShard(Path.Combine(folder, shard), statsPath, Path.Combine(folder, SizesFile.FileName), committed.Length);
        foreach (var observer in _observers)
            await observer.ShardCompletedAsync(completed, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ReadKeysAsync(string path, HashSet<string> packed, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var stream = File.OpenRead(path);
            await using var reader = new TarReader(stream);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var name = entry.Name;
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                if (dot > 0)
                    keys.Add(name[..dot]);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new CrawlerException($"{path}: this shard is damaged ({ex.Message}); move it away and run again to redo its samples.", ex);
        }
        packed.UnionWith(keys);
        return keys.Count;
    }

    [GeneratedRegex(@"^(?<prefix>.*?)(?<index>\d{5,})\.tar$", RegexOptions.CultureInvariant)]
    private static partial Regex ShardName();
}
