using Npgsql;
using NpgsqlTypes;

namespace Foreman.Postgres;

/// <summary>Typed positional parameters (<c>$1</c>, <c>$2</c>, …): typed so nulls and arrays need no guessing by the server.</summary>
internal static class PostgresParameters
{
    public static NpgsqlCommand With(this NpgsqlCommand command, string? value) => command.Add(NpgsqlDbType.Text, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, long? value) => command.Add(NpgsqlDbType.Bigint, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, int value) => command.Add(NpgsqlDbType.Integer, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, bool value) => command.Add(NpgsqlDbType.Boolean, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, bool? value) => command.Add(NpgsqlDbType.Boolean, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, double? value) => command.Add(NpgsqlDbType.Double, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, bool[] values) => command.Add(NpgsqlDbType.Array | NpgsqlDbType.Boolean, values);

    public static NpgsqlCommand With(this NpgsqlCommand command, string?[] values) => command.Add(NpgsqlDbType.Array | NpgsqlDbType.Text, values);

    public static NpgsqlCommand With(this NpgsqlCommand command, int[] values) => command.Add(NpgsqlDbType.Array | NpgsqlDbType.Integer, values);

    public static NpgsqlCommand With(this NpgsqlCommand command, long[] values) => command.Add(NpgsqlDbType.Array | NpgsqlDbType.Bigint, values);

    public static NpgsqlCommand With(this NpgsqlCommand command, long?[] values) => command.Add(NpgsqlDbType.Array | NpgsqlDbType.Bigint, values);

    private static NpgsqlCommand Add(this NpgsqlCommand command, NpgsqlDbType type, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value ?? DBNull.Value });
        return command;
    }
}
