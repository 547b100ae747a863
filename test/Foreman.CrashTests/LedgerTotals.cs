using Microsoft.Data.Sqlite;

namespace Foreman.CrashTests;

/// <summary>What the ledger file holds after the test: its entries, and how many appends were detected as repeats.</summary>
internal sealed record LedgerTotals(IReadOnlyList<(string Key, int Workflow, int Step, long Amount)> Entries, long Replays)
{
    public static LedgerTotals Read(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var entries = new List<(string, int, int, long)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT idempotency_key, workflow, step, amount FROM entries";
            using var row = command.ExecuteReader();
            while (row.Read())
            {
                entries.Add((row.GetString(0), row.GetInt32(1), row.GetInt32(2), row.GetInt64(3)));
            }
        }

        using var replays = connection.CreateCommand();
        replays.CommandText = "SELECT count(*) FROM replays";
        return new LedgerTotals(entries, (long)replays.ExecuteScalar()!);
    }
}
