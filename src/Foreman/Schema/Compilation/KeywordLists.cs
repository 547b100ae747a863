using Foreman.Schema.Evaluation;

namespace Foreman.Schema.Compilation;

/// <summary>Validators collected for one schema object, grouped the way <see cref="SchemaNode"/> runs them.</summary>
internal sealed class KeywordLists
{
    public List<KeywordValidator> Leading { get; } = [];

    public List<KeywordValidator> Objects { get; } = [];

    public List<KeywordValidator> Arrays { get; } = [];

    public List<KeywordValidator> Strings { get; } = [];

    public List<KeywordValidator> Numbers { get; } = [];

    public List<KeywordValidator> Applicators { get; } = [];

    public List<KeywordValidator> Trailing { get; } = [];

    public void AssignTo(SchemaNode node)
    {
        node.Leading = [.. Leading];
        node.ObjectKeywords = [.. Objects];
        node.ArrayKeywords = [.. Arrays];
        node.StringKeywords = [.. Strings];
        node.NumberKeywords = [.. Numbers];
        node.Applicators = [.. Applicators];
        node.Trailing = [.. Trailing];
    }
}
