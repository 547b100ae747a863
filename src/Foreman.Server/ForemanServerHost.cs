using Foreman.Reviews;
using Foreman.Server.Auth;
using Foreman.Workflows;
using Foreman.Workflows.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Foreman.Server;

/// <summary>
/// A running Foreman server: one process with the HTTP API, the dashboard and a workflow worker. Start it with
/// <see cref="StartAsync"/>; dispose it to stop (runs in flight keep their journal and resume on the next start).
/// </summary>
public sealed class ForemanServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ForemanServerHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Gets the address the server listens on (with the real port when port 0 was asked for).</summary>
    public Uri Address { get; }

    /// <summary>Gets the engine the API submits to (for seeding and embedding).</summary>
    public WorkflowEngine Engine => _app.Services.GetRequiredService<WorkflowEngine>();

    /// <summary>Gets the application's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts a server over the given stores and workflows.</summary>
    /// <param name="store">The workflow store (initialized).</param>
    /// <param name="reviews">The review store (initialized).</param>
    /// <param name="keys">The API key store (initialized).</param>
    /// <param name="workflows">The workflows the server runs.</param>
    /// <param name="options">Options; copied.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<ForemanServerHost> StartAsync(IWorkflowStore store, IReviewStore reviews, IApiKeyStore keys, IEnumerable<IWorkflow> workflows, ForemanServerOptions options, CancellationToken cancellationToken)
    {
        var app = ForemanServerApp.Build(store, reviews, keys, workflows, options ?? new ForemanServerOptions());
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new ForemanServerHost(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the server is stopped (by <paramref name="cancellationToken"/> or a shutdown signal).</summary>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>A task.</returns>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken) => await _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
