namespace Foreman.Schema.Keywords;

/// <summary>Which numeric limit a <see cref="NumericBoundKeyword"/> enforces.</summary>
internal enum NumericBound
{
    Minimum,
    Maximum,
    ExclusiveMinimum,
    ExclusiveMaximum,
}
