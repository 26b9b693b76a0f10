using Crawler.Abstractions;
using Sinks.Download;

namespace Sinks.WebDataset;

/// <summary>
/// Samples as WebDataset tar shards, in one folder or split by key hash into <c>train/</c> and <c>test/</c>
/// (each with its own shards, <c>sizes.json</c> and <c>_stats.json</c> files).
/// </summary>
public sealed class WebDatasetWriter : ISampleWriter
{
    public const string TrainFolder = "train";
    public const string TestFolder = "test";

    private readonly string _folder;
    private readonly WebDatasetOptions _options;
    private readonly ShardWriter? _train;
    private readonly ShardWriter? _test;
    private readonly ShardWriter? _single;

    public WebDatasetWriter(string folder, WebDatasetOptions options, TimeProvider time)
    {
        if (options.Validate().FirstOrDefault() is { } problem)
            throw new CrawlerException($"WebDataset output {folder}: {problem}");
        _folder = folder;
        _options = options;
        if (options.Split)
        {
            _train = new ShardWriter(Path.Combine(folder, TrainFolder), options, time);
            _test = new ShardWriter(Path.Combine(folder, TestFolder), options, time);
        }
        else
        {
            _single = new ShardWriter(folder, options, time);
        }
    }

    public string Name => $"webdataset {_folder}";

    private IEnumerable<ShardWriter> Writers => _single is not null ? [_single] : [_train!, _test!];

    public async Task<IReadOnlySet<string>> OpenAsync(Func<IReadOnlyList<SampleStatus>, ValueTask> committed, CancellationToken cancellationToken = default)
    {
        var packed = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var writer in Writers)
                packed.UnionWith(await writer.OpenAsync(committed, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CrawlerException($"{_folder}: cannot open the WebDataset output ({ex.Message}).", ex);
        }
        return packed;
    }

    /// <summary>Deletes the shards, their stats and <c>sizes.json</c> from the output (for a pack that starts over); call before opening.</summary>
    public void RemoveShards()
    {
        foreach (var writer in Writers.Where(w => Directory.Exists(w.Folder)))
        {
            foreach (var pattern in new[] { "*.tar", "*.tar.tmp", "*_stats.json", "*_stats.json.tmp", SizesFile.FileName })
            {
                foreach (var path in Directory.EnumerateFiles(writer.Folder, pattern))
                    File.Delete(path);
            }
        }
    }

    /// <summary>Tells <paramref name="observer"/> of every shard finished from now on, in any split folder.</summary>
    public void Observe(IShardObserver observer)
    {
        foreach (var writer in Writers)
            writer.Observe(observer);
    }

    public void GuardCommits(Func<IReadOnlyList<SampleStatus>, ValueTask<bool>> mayCommit)
    {
        foreach (var writer in Writers)
            writer.GuardCommits(mayCommit);
    }

    public ValueTask WriteAsync(EncodedSample sample, CancellationToken cancellationToken = default) =>
        WriterFor(sample.Key).WriteAsync(sample, cancellationToken);

    /// <summary>Packs one sample whose JSON is already serialised.</summary>
    public ValueTask WriteAsync(string key, string extension, byte[] audio, byte[] json, SampleStatus status, CancellationToken cancellationToken = default) =>
        WriterFor(key).WriteAsync(key, extension, audio, json, status, cancellationToken);

    public void NoteFailure(SampleStatus status) => WriterFor(status.Key).NoteFailure(status);

    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        foreach (var writer in Writers)
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var writer in Writers)
            await writer.CompleteAsync().ConfigureAwait(false);
    }

    private ShardWriter WriterFor(string key) =>
        _single ?? (SampleKey.Percentile(key) < _options.TrainPercent ? _train! : _test!);
}
