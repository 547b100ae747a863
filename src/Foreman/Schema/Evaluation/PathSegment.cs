namespace Foreman.Schema.Evaluation;

/// <summary>One step of the instance path: a property name or an array index.</summary>
internal readonly record struct PathSegment(string? Name, int Index);
