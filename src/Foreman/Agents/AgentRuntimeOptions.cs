using Foreman.Tools;
using Microsoft.Extensions.Logging;

namespace Foreman.Agents;

/// <summary>Options of an <see cref="AgentRuntime"/>; copied when the runtime is built.</summary>
public sealed class AgentRuntimeOptions
{
    /// <summary>Gets or sets the clock. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the logger factory, or <see langword="null"/> for no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets who approves tools that require approval. The default answers "pending" for every request.</summary>
    public IToolApprovalGate ApprovalGate { get; set; } = PendingApprovalGate.Instance;

    /// <summary>Gets the observers notified of run events.</summary>
    public IList<IAgentObserver> Observers { get; } = [];

    /// <summary>
    /// Gets or sets a value indicating whether prompts, tool arguments and outputs are recorded on spans. The
    /// default value is <see langword="false"/>: they may hold personal data.
    /// </summary>
    public bool RecordSensitiveData { get; set; }

    /// <summary>Gets or sets how long a call may wait for a rate limit before failing. The default value is 10 seconds.</summary>
    public TimeSpan RateLimitMaxWait { get; set; } = TimeSpan.FromSeconds(10);
}
