namespace Foreman.Samples.Pipelines.Tickets;

/// <summary>A help-centre article.</summary>
/// <param name="Id">The id.</param>
/// <param name="Title">The title.</param>
/// <param name="Body">The text.</param>
/// <param name="Keywords">Words and phrases it answers.</param>
public sealed record KnowledgeArticle(string Id, string Title, string Body, IReadOnlyList<string> Keywords);
