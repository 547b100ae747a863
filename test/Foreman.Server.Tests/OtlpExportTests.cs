using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Foreman.Server.Tests;

/// <summary>With an OTLP endpoint configured, the server exports its spans and metrics to it (a loopback OTLP/HTTP receiver here).</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Server_ExportsAgentSpansAndMetrics_OverOtlpHttp()
    {
        var received = new ConcurrentDictionary<string, ConcurrentBag<byte[]>>(StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var receiver = builder.Build();
        receiver.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.GetOrAdd(signal, _ => []).Add(body.ToArray());
            return Results.Ok();
        });
        await receiver.StartAsync();
        var endpoint = new Uri(receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        await using (var server = await ServerHarness.StartAsync(o => o.OtlpEndpoint = endpoint))
        {
            var runId = await server.SubmitAsync("invoice-approval", new { invoice = Foreman.Samples.Workflows.InvoiceApprovalWorkflow.LargeInvoiceExample });
            await server.WaitForStatusAsync(runId, "waiting");
        }

        // Stopping the server flushes both providers.
        Text(received, "traces").ShouldContain("invoice-extractor");
        Text(received, "traces").ShouldContain("execute_tool");
        Text(received, "metrics").ShouldContain("gen_ai.client.token.usage");
        Text(received, "metrics").ShouldContain("foreman.cost");
    }

    private static string Text(ConcurrentDictionary<string, ConcurrentBag<byte[]>> received, string signal) =>
        received.TryGetValue(signal, out var bodies) ? string.Join('\n', bodies.Select(b => Encoding.UTF8.GetString(b))) : string.Empty;
}
