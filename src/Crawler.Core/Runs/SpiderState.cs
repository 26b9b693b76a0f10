using System.Globalization;
using Crawler.Abstractions.Http;
using Crawler.Core.Pipeline;
using Crawler.Core.Scheduling;
using Crawler.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Crawler.Core.Runs;

/// <summary>
/// What a spider keeps between runs (state.db in its state directory): the run history, the keys of every pair
/// delivered by a finished run, when each page was last fetched (for the re-crawl policy), and the validators
/// (ETag, Last-Modified) of pages fetched with <see cref="Request.Revalidate"/> (for conditional GET).
/// </summary>
public sealed class SpiderState : IAsyncDisposable
{
    public const string FileName = "state.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT, spider TEXT NOT NULL, started TEXT NOT NULL, ended TEXT,
            status TEXT NOT NULL, requests INTEGER NOT NULL DEFAULT 0, new_pairs INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0, output TEXT NOT NULL, pid INTEGER NOT NULL, resumed_by INTEGER, message TEXT);
        CREATE TABLE IF NOT EXISTS delivered (key BLOB PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS pages (fingerprint BLOB PRIMARY KEY, fetched TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS validators (fingerprint BLOB PRIMARY KEY, etag TEXT, last_modified TEXT) WITHOUT ROWID;
        """;

    private readonly SqliteDatabase _database;

    private SpiderState(SqliteDatabase database)
    {
        _database = database;
    }

    public static async Task<SpiderState> OpenAsync(string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        try
        {
            return new(await SqliteDatabase.OpenAsync(Path.Combine(directory, FileName), Schema, cancellationToken).ConfigureAwait(false));
        }
        catch (DamagedStateException ex)
        {
            throw ex.WithWayOn("Restore it from a backup; moving it away forgets the run history and which pairs were delivered, so the next run delivers every pair again.");
        }
    }

    public Task<long> StartRunAsync(string spider, DateTimeOffset started, string output, CancellationToken cancellationToken = default) =>
        _database.RunAsync(connection =>
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO runs (spider, started, status, output, pid) VALUES ($spider, $started, 'running', $output, $pid) RETURNING id;";
            insert.Parameters.AddWithValue("$spider", spider);
            insert.Parameters.AddWithValue("$started", Stamp(started));
            insert.Parameters.AddWithValue("$output", output);
            insert.Parameters.AddWithValue("$pid", Environment.ProcessId);
            return (long)insert.ExecuteScalar()!;
        }, cancellationToken);

    /// <summary>Runs still marked running although nobody holds the lock: their process died.</summary>
    public async Task<IReadOnlyList<RunRecord>> InterruptedRunsAsync(CancellationToken cancellationToken = default) =>
        (await ListRunsAsync(cancellationToken).ConfigureAwait(false)).Where(r => r.Status == RunStatus.Running).ToArray();

    public Task MarkResumedAsync(long id, long resumedBy, CancellationToken cancellationToken = default) =>
        _database.RunAsync(connection =>
        {
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE runs SET status = 'resumed', resumed_by = $by WHERE id = $id;";
            update.Parameters.AddWithValue("$by", resumedBy);
            update.Parameters.AddWithValue("$id", id);
            return update.ExecuteNonQuery();
        }, cancellationToken);

    /// <summary>
    /// Ends a run. A finished run's pairs become delivered in the same transaction, so a later run never writes
    /// them again, even if the process dies right after.
    /// </summary>
    public Task EndRunAsync(long id, RunStatus status, DateTimeOffset ended, long requests, long errors, IReadOnlyCollection<PairKey> pairs, string? message, CancellationToken cancellationToken = default) =>
        _database.RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            if (status == RunStatus.Finished)
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT OR IGNORE INTO delivered (key) VALUES ($key);";
                var key = insert.Parameters.Add("$key", SqliteType.Blob);
                foreach (var pair in pairs)
                {
                    key.Value = Bytes(pair.Value);
                    insert.ExecuteNonQuery();
                }
            }
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE runs SET status = $status, ended = $ended, requests = $requests, new_pairs = $pairs, errors = $errors, message = $message WHERE id = $id;";
            update.Parameters.AddWithValue("$status", status.ToString().ToLowerInvariant());
            update.Parameters.AddWithValue("$ended", Stamp(ended));
            update.Parameters.AddWithValue("$requests", requests);
            update.Parameters.AddWithValue("$pairs", pairs.Count);
            update.Parameters.AddWithValue("$errors", errors);
            update.Parameters.AddWithValue("$message", (object?)message ?? DBNull.Value);
            update.Parameters.AddWithValue("$id", id);
            update.ExecuteNonQuery();
            transaction.Commit();
            return 0;
        }, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<RunRecord>>(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT id, spider, started, ended, status, requests, new_pairs, errors, output, pid, resumed_by, message FROM runs ORDER BY id;";
            using var reader = select.ExecuteReader();
            var runs = new List<RunRecord>();
            while (reader.Read())
            {
                runs.Add(new RunRecord(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                    reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                    Enum.Parse<RunStatus>(reader.GetString(4), ignoreCase: true),
                    reader.GetInt64(5),
                    reader.GetInt64(6),
                    reader.GetInt64(7),
                    reader.GetString(8),
                    reader.GetInt32(9),
                    reader.IsDBNull(10) ? null : reader.GetInt64(10),
                    reader.IsDBNull(11) ? null : reader.GetString(11)));
            }
            return runs;
        }, cancellationToken);

    public Task<bool> WasDeliveredAsync(PairKey key, CancellationToken cancellationToken = default) =>
        _database.RunAsync(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT 1 FROM delivered WHERE key = $key;";
            select.Parameters.AddWithValue("$key", Bytes(key.Value));
            return select.ExecuteScalar() is not null;
        }, cancellationToken);

    /// <summary>When the page with this fingerprint was last fetched by any run, or null if never.</summary>
    public Task<DateTimeOffset?> LastFetchedAsync(RequestFingerprint fingerprint, CancellationToken cancellationToken = default) =>
        _database.RunAsync<DateTimeOffset?>(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT fetched FROM pages WHERE fingerprint = $fingerprint;";
            select.Parameters.AddWithValue("$fingerprint", FingerprintBytes(fingerprint));
            return select.ExecuteScalar() is string text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;
        }, cancellationToken);

    public Task RecordFetchedAsync(RequestFingerprint fingerprint, DateTimeOffset fetched, CancellationToken cancellationToken = default) =>
        _database.RunAsync(connection =>
        {
            using var upsert = connection.CreateCommand();
            upsert.CommandText = "INSERT INTO pages (fingerprint, fetched) VALUES ($fingerprint, $fetched) ON CONFLICT(fingerprint) DO UPDATE SET fetched = excluded.fetched;";
            upsert.Parameters.AddWithValue("$fingerprint", FingerprintBytes(fingerprint));
            upsert.Parameters.AddWithValue("$fetched", Stamp(fetched));
            return upsert.ExecuteNonQuery();
        }, cancellationToken);

    /// <summary>The ETag / Last-Modified an earlier run stored for the page with this fingerprint, or null.</summary>
    public Task<PageValidators?> ValidatorsAsync(RequestFingerprint fingerprint, CancellationToken cancellationToken = default) =>
        _database.RunAsync<PageValidators?>(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT etag, last_modified FROM validators WHERE fingerprint = $fingerprint;";
            select.Parameters.AddWithValue("$fingerprint", FingerprintBytes(fingerprint));
            using var reader = select.ExecuteReader();
            return reader.Read() ? new PageValidators(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
        }, cancellationToken);

    public Task RecordValidatorsAsync(RequestFingerprint fingerprint, PageValidators validators, CancellationToken cancellationToken = default) =>
        _database.RunAsync(connection =>
        {
            using var upsert = connection.CreateCommand();
            upsert.CommandText = "INSERT INTO validators (fingerprint, etag, last_modified) VALUES ($fingerprint, $etag, $modified) ON CONFLICT(fingerprint) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified;";
            upsert.Parameters.AddWithValue("$fingerprint", FingerprintBytes(fingerprint));
            upsert.Parameters.AddWithValue("$etag", (object?)validators.ETag ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$modified", (object?)validators.LastModified ?? DBNull.Value);
            return upsert.ExecuteNonQuery();
        }, cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static string Stamp(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static byte[] Bytes(UInt128 value)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] FingerprintBytes(RequestFingerprint fingerprint) => Bytes(fingerprint.Value);
}
