using System.ClientModel.Primitives;

namespace Foreman.OpenAI;

/// <summary>
/// Adds the configured endpoint's query string (Azure's <c>api-version</c>) to every request. The SDK builds request
/// URLs by appending paths to the endpoint, so the query has to be carried separately to survive.
/// </summary>
internal sealed class EndpointQueryPolicy : PipelinePolicy
{
    private readonly string _query;

    /// <summary>Creates the policy.</summary>
    /// <param name="query">The query without its leading <c>?</c>, already escaped.</param>
    public EndpointQueryPolicy(string query)
    {
        _query = query;
    }

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        AddQuery(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        AddQuery(message);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void AddQuery(PipelineMessage message)
    {
        var uri = message.Request.Uri;
        if (uri is null)
        {
            return;
        }

        var builder = new UriBuilder(uri);
        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? _query : existing + "&" + _query;
        message.Request.Uri = builder.Uri;
    }
}
