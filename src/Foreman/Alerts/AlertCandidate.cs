namespace Foreman.Alerts;

/// <summary>A condition a rule found: what, about whom, how bad, measured against what.</summary>
/// <param name="Rule">The rule's name, for example <c>loop_rate</c>.</param>
/// <param name="Subject">What it is about: an agent, a pipeline, a queue, a task type.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Message">One sentence for a person.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Threshold">The threshold it crossed.</param>
public sealed record AlertCandidate(string Rule, string Subject, AlertSeverity Severity, string Message, double Value, double Threshold)
{
    /// <summary>Gets the identity of the condition: one open alert per rule and subject, so a condition does not spam.</summary>
    public string Fingerprint => $"{Rule}|{Subject}";
}
