namespace Foreman.Server.Tests;

/// <summary>
/// A test class that gets a fresh server for each test (xUnit creates the class per test): started before the test,
/// disposed after it. Override <see cref="StartServerAsync"/> to configure the server.
/// </summary>
public abstract class ServerTest : IAsyncLifetime
{
    /// <summary>Gets the test's server.</summary>
    private protected ServerHarness Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await StartServerAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Starts the server the tests use; by default with the harness's defaults.</summary>
    private protected virtual Task<ServerHarness> StartServerAsync() => ServerHarness.StartAsync();
}
