namespace Foreman.Samples.Pipelines.Invoices;

/// <summary>The approval routing rules of the invoice pipeline.</summary>
public static class InvoiceRouting
{
    /// <summary>Invoices above this total need the finance director.</summary>
    public const decimal DirectorThreshold = 10_000m;

    /// <summary>The finance director's approval queue.</summary>
    public const string FinanceDirector = "finance-director";

    /// <summary>The legal team's queue, for contracts.</summary>
    public const string Legal = "legal";

    /// <summary>The standard accounts-payable approval queue.</summary>
    public const string Standard = "standard";

    /// <summary>The queue documents go to when the pipeline cannot read them with confidence.</summary>
    public const string AccountsPayableReview = "accounts-payable";

    /// <summary>Chooses the approval queue.</summary>
    /// <param name="documentType">invoice or contract.</param>
    /// <param name="total">The total, for invoices.</param>
    /// <returns>The queue.</returns>
    public static string QueueFor(string documentType, decimal? total) =>
        documentType == "contract" ? Legal
        : total > DirectorThreshold ? FinanceDirector
        : Standard;
}
