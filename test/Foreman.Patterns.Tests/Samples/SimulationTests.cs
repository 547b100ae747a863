using System.Text.Json;
using Foreman.Samples.Pipelines;
using Foreman.Samples.Pipelines.Invoices;
using Foreman.Samples.Pipelines.Tickets;
using Foreman.Testing;
using Microsoft.Extensions.AI;

namespace Foreman.Patterns.Tests.Samples;

public sealed class SimulationTests
{
    [Fact]
    public async Task AmountReaders_ErrAtTheConfiguredRate_AndIndependentlyOfEachOther()
    {
        using var model = new SimulatedChatClient(new SampleSimulation());
        var invoices = InvoiceDataset.Generate(1_500, 99).Where(c => c.Truth.DocumentType == "invoice").ToList();
        var wrongPerDocument = new List<int>();
        foreach (var invoice in invoices)
        {
            var wrong = 0;
            foreach (var instructions in InvoiceAgents.AmountInstructions)
            {
                var response = await model.GetResponseAsync([new ChatMessage(ChatRole.System, instructions), new ChatMessage(ChatRole.User, invoice.Text)]);
                wrong += JsonDocument.Parse(response.Text).RootElement.GetProperty("total").GetDecimal() == invoice.Truth.Total ? 0 : 1;
            }

            wrongPerDocument.Add(wrong);
        }

        var perReader = wrongPerDocument.Sum() / (3.0 * invoices.Count);
        var twoOrMore = wrongPerDocument.Count(w => w >= 2) / (double)invoices.Count;
        perReader.ShouldBeInRange(0.03, 0.055);

        // Independent readers: two or more wrong on one document about 3p² ≈ 0.5% of the time; a shared random
        // source would make it about p ≈ 4%.
        twoOrMore.ShouldBeLessThan(0.015);
    }

    [Fact]
    public async Task SameReaderSameDocument_MakesTheSameChoice()
    {
        using var first = new SimulatedChatClient(new SampleSimulation(SimulationRates.Default with { AmountError = 0.5 }));
        using var second = new SimulatedChatClient(new SampleSimulation(SimulationRates.Default with { AmountError = 0.5 }));
        foreach (var invoice in InvoiceDataset.Generate(40, 5))
        {
            ChatMessage[] conversation = [new(ChatRole.System, InvoiceAgents.AmountInstructions[1]), new(ChatRole.User, invoice.Text)];
            (await first.GetResponseAsync(conversation)).Text.ShouldBe((await second.GetResponseAsync(conversation)).Text);
        }
    }

    [Fact]
    public async Task UnknownAgent_GetsAPlainAnswer()
    {
        using var model = new SimulatedChatClient(new SampleSimulation());

        var response = await model.GetResponseAsync([new ChatMessage(ChatRole.System, "You are a pirate."), new ChatMessage(ChatRole.User, "Ahoy")]);

        response.Text.ShouldContain("do not know this agent");
    }

    [Fact]
    public void TicketDataset_IsDeterministic_AndItsTruthMatchesTheOrderSystem()
    {
        var tickets = TicketDataset.Generate(300, 17);

        TicketDataset.Generate(300, 17).ShouldBe(tickets);
        tickets.Select(t => t.Truth.Route).Distinct().Order().ShouldBe(["general", "order_status", "returns", "urgent"]);
        tickets.Where(t => t.Truth.Route == "order_status").ShouldAllBe(t => OrderSystem.Find(t.Truth.OrderId)!.Status == t.Truth.OrderStatus);
        tickets.Where(t => t.Truth.Route == "general").ShouldAllBe(t => KnowledgeBase.Search(t.Text, 1)[0].Id == t.Truth.ArticleId);
    }
}
