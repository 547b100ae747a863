using System.Globalization;

namespace Foreman.Samples.Pipelines.Tickets;

/// <summary>
/// Generates customer-service tickets with ground truth: order-status questions, return requests (unopened,
/// opened, damaged), general questions the knowledge base answers, and urgent tickets (injury, legal threat,
/// chargeback). The same count and seed give the same tickets.
/// </summary>
public static class TicketDataset
{
    private static readonly string[] Names = ["Jane", "Omar", "Li", "Sofia", "Lukas", "Amara", "Pierre", "Mei", "Jonas", "Priya"];

    private static readonly (string Text, string ArticleId)[] Questions =
    [
        ("How long does delivery to Austria usually take?", "KB-101"),
        ("Can I pay with PayPal, or only by credit card?", "KB-102"),
        ("My toaster stopped working after a few months, is there a warranty?", "KB-103"),
        ("I moved last week. Can I change the address on my order?", "KB-104"),
        ("How often should I descale my espresso machine? There is limescale everywhere.", "KB-105"),
        ("Do you offer gift wrapping? It is a present for my mother.", "KB-106"),
    ];

    private static readonly string[] Urgent =
    [
        "The kettle sparked and burned my hand. I was injured and want to know what you will do about it.",
        "This is my third complaint. If I do not get my money back by tomorrow my lawyer will take legal action.",
        "I have filed a chargeback with my bank because nobody answers me. Fix this today.",
    ];

    /// <summary>Generates tickets.</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The tickets.</returns>
    public static IReadOnlyList<TicketCase> Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var cases = new List<TicketCase>(count);
        for (var i = 0; i < count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"tkt-{seed}-{i + 1:00000}");
            var name = Names[random.Next(Names.Length)];
            var order = Order(random);
            var roll = random.NextDouble();
            cases.Add(roll switch
            {
                < 0.10 => new TicketCase(id, Mail(name, "Complaint", $"Order {order.OrderId}. {Urgent[random.Next(Urgent.Length)]}"), new TicketTruth("urgent", order.OrderId, null, null, null)),
                < 0.45 => new TicketCase(id, Mail(name, $"Where is my order {order.OrderId}?", $"Hi, I ordered a {order.Item} (order {order.OrderId}). Can you tell me where it is and when it arrives?"), new TicketTruth("order_status", order.OrderId, order.Status, null, null)),
                < 0.75 => Return(random, id, name, order),
                _ => General(random, id, name),
            });
        }

        return cases;
    }

    private static TicketCase Return(Random random, string id, string name, TicketOrder order)
    {
        var condition = random.Next(3) switch { 0 => "unopened", 1 => "opened", _ => "damaged" };
        var sentence = condition switch
        {
            "unopened" => "It is still unopened in its box; I simply changed my mind.",
            "opened" => "I opened it and used it twice, but I do not like it.",
            _ => "It arrived damaged: the housing is cracked.",
        };
        var (eligible, _) = ReturnPolicy.Decide(order, condition);
        return new TicketCase(id, Mail(name, $"Return for order {order.OrderId}", $"Hello, I would like to return the {order.Item} from order {order.OrderId}. {sentence}"), new TicketTruth("returns", order.OrderId, null, eligible, null));
    }

    private static TicketCase General(Random random, string id, string name)
    {
        var (text, article) = Questions[random.Next(Questions.Length)];
        return new TicketCase(id, Mail(name, "Question", text), new TicketTruth("general", null, null, null, article));
    }

    private static TicketOrder Order(Random random)
    {
        while (true)
        {
            if (OrderSystem.Find(string.Create(CultureInfo.InvariantCulture, $"A-{random.Next(10_000, 99_999)}")) is { } order)
            {
                return order;
            }
        }
    }

    private static string Mail(string name, string subject, string body) => $"""
        Subject: {subject}
        From: {name.ToLowerInvariant()}@example.com
        Sent: {OrderSystem.Today:yyyy-MM-dd}

        {body}
        {name}
        """;
}
