namespace Foreman.Cli;

/// <summary>Process exit codes, stable for scripts.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int NeedsHuman = 2;
    public const int UsageError = 64;
    public const int ConfigurationError = 78;
}
