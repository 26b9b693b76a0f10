using Crawler.Abstractions;
using Crawler.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Crawler.Core.Scheduling;

/// <summary>
/// One SQLite file in WAL mode behind one connection, used by one component at a time (a gate serialises calls).
/// WAL with synchronous=NORMAL survives a killed process without losing a committed transaction.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteDatabase(SqliteConnection connection, string path)
    {
        Connection = connection;
        Path = path;
    }

    public SqliteConnection Connection { get; }

    public string Path { get; }

    public static async Task<SqliteDatabase> OpenAsync(string path, string schema, CancellationToken cancellationToken = default)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var database = new SqliteDatabase(connection, path);
            await database.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA cache_size=-8000;" + schema, cancellationToken).ConfigureAwait(false);
            await database.CheckAsync(cancellationToken).ConfigureAwait(false);
            return database;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new DamagedStateException(path, $"not a readable SQLite database ({ex.Message})", DamagedStateException.DefaultWayOn, ex);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new CrawlerException($"{path}: cannot open the job database ({ex.Message}).", ex);
        }
        catch (DamagedStateException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SQLite's own quick check of the file's structure (pages, indexes): a file damaged on disk is found at start, not mid-crawl.</summary>
    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var problems = await RunAsync(connection =>
        {
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check(3);";
            using var reader = check.ExecuteReader();
            var found = new List<string>();
            while (reader.Read())
                found.Add(reader.GetString(0));
            return found;
        }, cancellationToken).ConfigureAwait(false);
        if (problems is not ["ok"])
            throw new DamagedStateException(Path, $"SQLite's integrity check failed ({string.Join("; ", problems)})", DamagedStateException.DefaultWayOn);
    }

    public async Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work(Connection);
        }
        catch (SqliteException ex) when (WriteFailures.IsDiskFull(ex) || ex.SqliteErrorCode == SqliteIoError)
        {
            throw new StorageWriteException(Path, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken = default) =>
        RunAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
