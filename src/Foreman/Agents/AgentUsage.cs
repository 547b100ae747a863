namespace Foreman.Agents;

/// <summary>What one run consumed.</summary>
/// <param name="ModelCalls">Model calls, failed attempts included.</param>
/// <param name="ToolCalls">Tool calls the model asked for, blocked ones included.</param>
/// <param name="PromptTokens">Prompt tokens.</param>
/// <param name="CompletionTokens">Completion tokens.</param>
/// <param name="Cost">Inference cost in the catalog's currency.</param>
/// <param name="RetryCost">The part of <paramref name="Cost"/> spent on calls that repeated or corrected earlier work.</param>
/// <param name="Currency">The currency of the amounts.</param>
public sealed record AgentUsage(int ModelCalls, int ToolCalls, long PromptTokens, long CompletionTokens, decimal Cost, decimal RetryCost, string Currency)
{
    /// <summary>Gets prompt plus completion tokens.</summary>
    public long TotalTokens => PromptTokens + CompletionTokens;
}
