namespace Foreman.Workflows;

/// <summary>The worker no longer owns the run (lease lost, run cancelled, or the execution ended). Internal control flow.</summary>
internal sealed class LeaseLostException : Exception
{
    public LeaseLostException()
    {
    }

    public LeaseLostException(string message)
        : base(message)
    {
    }

    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
