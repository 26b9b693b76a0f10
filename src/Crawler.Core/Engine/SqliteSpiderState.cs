using System.Globalization;
using Crawler.Abstractions.Spiders;
using Crawler.Core.Scheduling;

namespace Crawler.Core.Engine;

/// <summary>The spider state of a job directory, in SQLite: a resumed job (also after a kill) sees every committed value.</summary>
public sealed class SqliteSpiderState : JsonSpiderState, IAsyncDisposable
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS spider_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;";

    private readonly SqliteDatabase _database;

    private SqliteSpiderState(SqliteDatabase database)
    {
        _database = database;
    }

    public static async Task<SqliteSpiderState> OpenAsync(string path, CancellationToken cancellationToken = default) =>
        new(await SqliteDatabase.OpenAsync(path, Schema, cancellationToken).ConfigureAwait(false));

    protected override async ValueTask<string?> ReadAsync(string key, CancellationToken cancellationToken) =>
        await _database.RunAsync(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT value FROM spider_state WHERE key = $key;";
            select.Parameters.AddWithValue("$key", key);
            return select.ExecuteScalar() as string;
        }, cancellationToken).ConfigureAwait(false);

    protected override async ValueTask WriteAsync(string key, string json, CancellationToken cancellationToken) =>
        await _database.RunAsync(connection =>
        {
            using var upsert = connection.CreateCommand();
            upsert.CommandText = "INSERT INTO spider_state (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value;";
            upsert.Parameters.AddWithValue("$key", key);
            upsert.Parameters.AddWithValue("$value", json);
            return upsert.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);

    protected override async ValueTask<long> AddAsync(string key, long by, CancellationToken cancellationToken) =>
        await _database.RunAsync(connection =>
        {
            using var add = connection.CreateCommand();
            add.CommandText = "INSERT INTO spider_state (key, value) VALUES ($key, CAST($by AS TEXT)) " +
                              "ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + $by AS TEXT) RETURNING value;";
            add.Parameters.AddWithValue("$key", key);
            add.Parameters.AddWithValue("$by", by);
            return long.Parse((string)add.ExecuteScalar()!, CultureInfo.InvariantCulture);
        }, cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
