using Crawler.Core.Scheduling;

namespace Crawler.Core.Pipeline;

/// <summary>
/// The pair keys of a job directory, in SQLite. A key is claimed before its row reaches the sinks, so after a
/// kill the store may hold keys whose rows were never flushed: <see cref="ReconcileAsync"/> rebuilds the store
/// from the rows the output really holds before a resumed crawl claims anything.
/// </summary>
public sealed class SqlitePairKeyStore : IPairKeyStore, IAsyncDisposable
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS pair_keys (key BLOB PRIMARY KEY) WITHOUT ROWID;";

    private readonly SqliteDatabase _database;

    private SqlitePairKeyStore(SqliteDatabase database)
    {
        _database = database;
    }

    public static async Task<SqlitePairKeyStore> OpenAsync(string path, CancellationToken cancellationToken = default) =>
        new(await SqliteDatabase.OpenAsync(path, Schema, cancellationToken).ConfigureAwait(false));

    public async ValueTask<bool> TryAddAsync(PairKey key, CancellationToken cancellationToken = default)
    {
        var bytes = Bytes(key);
        return await _database.RunAsync(connection =>
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT OR IGNORE INTO pair_keys (key) VALUES ($key);";
            insert.Parameters.AddWithValue("$key", bytes);
            return insert.ExecuteNonQuery() == 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes the store hold exactly the keys of <paramref name="written"/> (the rows already in the output). Returns how many.</summary>
    public async Task<long> ReconcileAsync(IAsyncEnumerable<PairKey> written, CancellationToken cancellationToken = default)
    {
        await _database.ExecuteAsync("DELETE FROM pair_keys;", cancellationToken).ConfigureAwait(false);
        var batch = new List<byte[]>(4096);
        long total = 0;
        await foreach (var key in written.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(Bytes(key));
            if (batch.Count == 4096)
                total += await InsertAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        return total + await InsertAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        await _database.RunAsync(connection =>
        {
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM pair_keys;";
            return (long)count.ExecuteScalar()!;
        }, cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<long> InsertAsync(List<byte[]> batch, CancellationToken cancellationToken)
    {
        var added = await _database.RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO pair_keys (key) VALUES ($key);";
            var parameter = insert.Parameters.Add("$key", Microsoft.Data.Sqlite.SqliteType.Blob);
            var count = 0L;
            foreach (var key in batch)
            {
                parameter.Value = key;
                count += insert.ExecuteNonQuery();
            }
            transaction.Commit();
            return count;
        }, cancellationToken).ConfigureAwait(false);
        batch.Clear();
        return added;
    }

    private static byte[] Bytes(PairKey key)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, key.Value);
        return bytes;
    }
}
