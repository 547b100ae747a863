using System.Text;
using Foreman.Server.Auth;

namespace Foreman.Server.Tests;

/// <summary>The SQLite key store keeps hashes, never the keys.</summary>
public sealed class ApiKeyStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("foreman-keys-").FullName;

    [Fact]
    public async Task CreatedKey_Authenticates_ButItsPlaintextIsNowhereInTheDatabase()
    {
        var path = Path.Combine(_folder, "keys.db");
        var store = new SqliteApiKeyStore(path);
        await store.InitializeAsync(CancellationToken.None);
        var created = await store.CreateAsync("ci", Role.Submitter, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        created.Secret.ShouldStartWith("fm_");
        (await store.AuthenticateAsync(created.Secret, CancellationToken.None))!.KeyId.ShouldBe(created.Info.KeyId);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var bytes = await File.ReadAllBytesAsync(path);
        var secretPart = created.Secret.Split('_')[2];
        Encoding.ASCII.GetString(bytes).ShouldNotContain(secretPart);
        Encoding.ASCII.GetString(bytes).ShouldContain(ApiKeySecret.Hash(created.Secret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fm_")]
    [InlineData("Bearer fm_abc")]
    [InlineData("fm_zzzzzzzzzzzz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task MalformedOrUnknownKeys_DoNotAuthenticate(string secret)
    {
        var store = new SqliteApiKeyStore(Path.Combine(_folder, "keys.db"));
        await store.InitializeAsync(CancellationToken.None);
        (await store.AuthenticateAsync(secret, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task RightIdWrongSecret_AndRevokedKeys_DoNotAuthenticate()
    {
        var store = new SqliteApiKeyStore(Path.Combine(_folder, "keys.db"));
        await store.InitializeAsync(CancellationToken.None);
        var created = await store.CreateAsync("ops", Role.Operator, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        var tampered = created.Secret[..^1] + (created.Secret[^1] == 'A' ? 'B' : 'A');
        (await store.AuthenticateAsync(tampered, CancellationToken.None)).ShouldBeNull();

        var revoked = await store.RevokeAsync(created.Info.KeyId, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        revoked!.IsActive.ShouldBeFalse();
        (await store.AuthenticateAsync(created.Secret, CancellationToken.None)).ShouldBeNull();
        (await store.RevokeAsync(created.Info.KeyId, TimeProvider.System.GetUtcNow().AddHours(1), CancellationToken.None))!.RevokedAt.ShouldBe(revoked.RevokedAt);
        (await store.ListAsync(CancellationToken.None)).Single().Role.ShouldBe(Role.Operator);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
