namespace Foreman.Samples.Pipelines.Tickets;

/// <summary>The help centre's small knowledge base and its retrieval (word overlap, ranked).</summary>
public static class KnowledgeBase
{
    /// <summary>Gets the articles.</summary>
    public static IReadOnlyList<KnowledgeArticle> Articles { get; } =
    [
        new("KB-101", "Delivery times", "Standard delivery takes 2 to 4 working days in Germany and 5 to 8 working days to the rest of the EU.", ["delivery", "shipping", "how long", "arrive", "days"]),
        new("KB-102", "Payment methods", "We accept credit cards, PayPal and invoice payment; invoice payment is due within 14 days.", ["payment", "pay", "paypal", "credit card", "invoice payment"]),
        new("KB-103", "Warranty", "Every appliance carries a 2 year warranty; send a photo of the fault and your order id to start a claim.", ["warranty", "broken after", "stopped working", "defect", "guarantee"]),
        new("KB-104", "Changing an address", "The delivery address can be changed until the order ships, under Orders > Edit address.", ["address", "change address", "moved", "wrong address"]),
        new("KB-105", "Descaling machines", "Descale espresso machines every 2 months with the descaler from the box; see the manual, section 7.", ["descale", "descaling", "limescale", "clean machine"]),
        new("KB-106", "Gift wrapping", "Gift wrapping costs 4.95 EUR and can be added at checkout; a gift note is free.", ["gift", "wrap", "present", "gift note"]),
    ];

    /// <summary>Finds the articles that best match a query.</summary>
    /// <param name="query">The query.</param>
    /// <param name="top">How many to return.</param>
    /// <returns>The best articles, best first; empty when nothing matches.</returns>
    public static IReadOnlyList<KnowledgeArticle> Search(string query, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. Articles
            .Select(a => (Article: a, Score: a.Keywords.Count(k => query.Contains(k, StringComparison.OrdinalIgnoreCase)) * 2 + query.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Length > 3 && a.Title.Contains(w, StringComparison.OrdinalIgnoreCase))))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Article.Id, StringComparer.Ordinal)
            .Take(top)
            .Select(x => x.Article)];
    }

    /// <summary>Finds an article by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The article, or <see langword="null"/>.</returns>
    public static KnowledgeArticle? Find(string? id) => Articles.FirstOrDefault(a => a.Id == id);
}
