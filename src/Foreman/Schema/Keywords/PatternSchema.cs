using System.Text.RegularExpressions;
using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Keywords;

/// <summary>One <c>patternProperties</c> entry: a compiled regex and the schema for matching properties.</summary>
internal sealed record PatternSchema(Regex Regex, string Pattern, SchemaNode Schema);
