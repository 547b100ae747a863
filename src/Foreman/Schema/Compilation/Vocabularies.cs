namespace Foreman.Schema.Compilation;

/// <summary>The 2020-12 vocabularies a metaschema can enable through <c>$vocabulary</c>; draft 7 always has all of them.</summary>
[Flags]
internal enum Vocabularies
{
    None = 0,
    Core = 1,
    Applicator = 2,
    Unevaluated = 4,
    Validation = 8,
    FormatAssertion = 16,
    All = Core | Applicator | Unevaluated | Validation,
}
