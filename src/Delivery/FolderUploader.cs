using System.Diagnostics;
using System.Text.Json;
using Crawler.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace Delivery;

/// <summary>
/// Uploads a folder (or one file) under an S3 prefix, idempotently: an object whose size and stored SHA-256 match
/// the local file is left alone, so a re-run after an interruption sends only what is missing or different. It
/// first aborts the unfinished multipart uploads a killed run left under the prefix. A shard folder gets a fresh
/// <c>manifest.json</c>, uploaded after everything else. Nothing remote is deleted unless asked.
/// </summary>
public sealed class FolderUploader(S3Store store, ILogger logger, TimeProvider time)
{
    private readonly ObjectUploader _objects = new(store);
    private int _uploaded;
    private int _unchanged;
    private long _bytes;
    private int _inParts;

    /// <param name="source">A folder, a file, or null for none (then only the unfinished uploads are cleaned up and the totals of earlier <see cref="UploadFileAsync"/> calls returned).</param>
    public async Task<UploadSummary> UploadAsync(string? source, JsonElement? stats = null, bool delete = false, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var isFolder = source is not null && Directory.Exists(source);
        if (source is not null && !isFolder && !File.Exists(source))
            throw new ConfigurationException($"{source}: no such file or folder.");
        var aborted = await AbortUnfinishedAsync(cancellationToken).ConfigureAwait(false);
        var remote = await store.ListAsync(store.Location.Prefix, cancellationToken).ConfigureAwait(false);

        var files = isFolder ? LocalFiles(source!).ToList() : source is null ? [] : [(Path: source, Relative: Path.GetFileName(source))];
        try
        {
            await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = store.Options.Concurrency, CancellationToken = cancellationToken }, async (file, token) =>
                await SyncAsync(file.Path, file.Relative, remote, token).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Each cancelled multipart upload aborted itself; one whose initiation was cut off before its id came back
            // is known only to the store, so list and abort once more.
            await AbortUnfinishedAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var keys = files.Select(f => store.Location.KeyFor(f.Relative)).ToHashSet(StringComparer.Ordinal);
        if (isFolder && ManifestBuilder.HasShards(source!))
        {
            var manifest = await new ManifestBuilder(time).BuildAsync(source!, stats, cancellationToken).ConfigureAwait(false);
            var path = await ManifestBuilder.WriteAsync(source!, manifest, cancellationToken).ConfigureAwait(false);
            await SyncAsync(path, DeliveryManifest.FileName, remote, cancellationToken).ConfigureAwait(false);
            keys.Add(store.Location.KeyFor(DeliveryManifest.FileName));
        }

        var deleted = 0;
        if (delete)
        {
            foreach (var extra in remote.Keys.Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal))
            {
                await store.DeleteAsync(extra, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("deleted {Key}: not in {Source}", extra, source);
                deleted++;
            }
        }
        return new UploadSummary(_uploaded, _unchanged, deleted, aborted, Interlocked.Read(ref _bytes), time.GetElapsedTime(started).TotalSeconds) { InParts = _inParts };
    }

    /// <summary>Uploads one file of the folder as <c>{prefix}{relative}</c> unless the same bytes are there already.</summary>
    public Task UploadFileAsync(string path, string relative, CancellationToken cancellationToken = default) =>
        SyncAsync(path, relative, remote: null, cancellationToken);

    private async Task SyncAsync(string path, string relative, IReadOnlyDictionary<string, long>? remote, CancellationToken cancellationToken)
    {
        var key = store.Location.KeyFor(relative);
        // A file up to the part size is read once: hashed and sent from memory. A larger one is hashed, then streamed in parts.
        var small = new FileInfo(path).Length <= store.Options.PartSize;
        var content = small ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
        var digest = content is not null ? FileDigest.Of(content) : await FileDigest.ComputeAsync(path, cancellationToken).ConfigureAwait(false);
        var mayExist = remote is null || (remote.TryGetValue(key, out var size) && size == digest.Length);
        if (mayExist && await store.GetSha256Async(key, cancellationToken).ConfigureAwait(false) == digest.Sha256)
        {
            Interlocked.Increment(ref _unchanged);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        if (content is not null && content.Length <= store.Options.PartSize)
        {
            await _objects.UploadAsync(key, content, digest, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _objects.UploadInPartsAsync(path, key, digest, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _inParts);
        }
        Interlocked.Increment(ref _uploaded);
        Interlocked.Add(ref _bytes, digest.Length);
        logger.LogInformation("uploaded {Key} ({Bytes} bytes in {Seconds:0.000} s)", key, digest.Length, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private async Task<int> AbortUnfinishedAsync(CancellationToken cancellationToken)
    {
        var unfinished = await store.ListMultipartAsync(store.Location.Prefix, cancellationToken).ConfigureAwait(false);
        if (unfinished is null)
        {
            logger.LogWarning("{Endpoint} cannot list unfinished multipart uploads; parts of an interrupted earlier run may remain", store.Options.EndpointName);
            return 0;
        }
        foreach (var (key, uploadId) in unfinished)
        {
            await store.AbortMultipartAsync(key, uploadId, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("aborted the unfinished multipart upload of {Key} left by an earlier run", key);
        }
        return unfinished.Count;
    }

    /// <summary>The files to deliver: everything but unfinished <c>.tmp</c> files, hidden files and the manifest (which goes last).</summary>
    internal static IEnumerable<(string Path, string Relative)> LocalFiles(string folder)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            if (relative.EndsWith(".tmp", StringComparison.Ordinal) || relative.Split('/').Any(part => part.StartsWith('.')) || relative == DeliveryManifest.FileName)
                continue;
            yield return (path, relative);
        }
    }
}
