namespace Foreman.Server.Alerts;

/// <summary>An alert as the API and dashboard show it.</summary>
/// <param name="Id">A stable id for the condition (the same condition keeps its id while it lasts).</param>
/// <param name="Severity"><c>info</c>, <c>warning</c>, <c>error</c> or <c>critical</c>.</param>
/// <param name="Title">One line.</param>
/// <param name="Detail">What is wrong and where to look.</param>
/// <param name="Source">What raised it (the rule or subsystem).</param>
/// <param name="Since">Since when it holds, if known.</param>
public sealed record ServerAlert(string Id, string Severity, string Title, string Detail, string Source, DateTimeOffset? Since);
