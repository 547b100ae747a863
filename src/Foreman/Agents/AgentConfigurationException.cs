namespace Foreman.Agents;

/// <summary>An agent's options are invalid. The message lists every problem, not just the first.</summary>
public sealed class AgentConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="agentName">The agent.</param>
    /// <param name="problems">Every problem found.</param>
    public AgentConfigurationException(string? agentName, IReadOnlyList<string> problems)
        : base($"Agent '{agentName}' is misconfigured: {string.Join(" ", problems)}") => Problems = problems;

    /// <summary>Creates the exception.</summary>
    public AgentConfigurationException()
        : this(null, [])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public AgentConfigurationException(string message)
        : base(message) => Problems = [message];

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AgentConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
