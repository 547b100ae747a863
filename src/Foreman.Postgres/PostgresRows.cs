using System.Data.Common;
using Foreman.Stores;
using Foreman.Workflows.Storage;

namespace Foreman.Postgres;

/// <summary>What PostgreSQL reads differently from the shared <see cref="StoredRows"/>: the run's waiting-for column is a <c>text[]</c>.</summary>
internal static class PostgresRows
{
    /// <summary>The run columns of the table aliased <c>r</c> (for statements that join).</summary>
    public static readonly string QualifiedRunColumns = string.Join(", ", StoredRows.RunColumns.Split(", ").Select(c => "r." + c));

    public static RunRecord ReadRun(DbDataReader row) => StoredRows.ReadRun(row, WaitingForFromArray);

    private static IReadOnlyList<string> WaitingForFromArray(DbDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? [] : row.GetFieldValue<string[]>(ordinal);
}
