using System.CommandLine;
using Foreman.Cli.Commands;
using Foreman.Cli.Workflows;
using Foreman.Server.Auth;

namespace Foreman.Cli.Serve;

/// <summary><c>foreman keys create|list|revoke</c>: the server's API keys, in the same database as the runs.</summary>
internal static class KeyCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var db = StoreSelection.Create();
        var keys = new Command("keys", "Manage the server's API keys (stored as hashes; a key is shown once, when created).");

        var roleOption = new Option<string>("--role") { Description = "submitter, reviewer, operator or admin.", Required = true };
        roleOption.AcceptOnlyFromAmong([.. Roles.All.Select(Roles.Name)]);
        var nameOption = new Option<string?>("--name") { Description = "Who or what uses the key (default: the role)." };
        var create = new Command("create", "Create a key and print it once.") { roleOption, nameOption };
        create.SetAction((parse, cancellationToken) => WithKeysAsync(environment, db.Resolve(parse, environment), async store =>
        {
            _ = Roles.TryParse(parse.GetValue(roleOption), out var role);
            var name = parse.GetValue(nameOption) is { Length: > 0 } given ? given : Roles.Name(role);
            var created = await store.CreateAsync(name, role, TimeProvider.System.GetUtcNow(), cancellationToken);
            await environment.Out.WriteLineAsync($"Created {created.Info.KeyId} ({Roles.Name(role)}, \"{name}\"). The key is shown only now:");
            await environment.Out.WriteLineAsync(created.Secret);
            return ExitCodes.Success;
        }, cancellationToken));

        var list = new Command("list", "List keys (never their secrets).");
        list.SetAction((parse, cancellationToken) => WithKeysAsync(environment, db.Resolve(parse, environment), async store =>
        {
            var all = await store.ListAsync(cancellationToken);
            await environment.Out.WriteLineAsync($"{"KEY",-18} {"ROLE",-10} {"CREATED",-20} {"STATUS",-28} NAME");
            foreach (var key in all)
            {
                var status = key.RevokedAt is { } revoked ? $"revoked {revoked:yyyy-MM-dd HH:mm:ss}" : "active";
                await environment.Out.WriteLineAsync($"{key.KeyId,-18} {Roles.Name(key.Role),-10} {key.CreatedAt:yyyy-MM-dd HH:mm:ss} {status,-28} {key.Name}");
            }

            return ExitCodes.Success;
        }, cancellationToken));

        var idArgument = new Argument<string>("key-id") { Description = "The key id (key_…), as keys list shows it." };
        var revoke = new Command("revoke", "Revoke a key; requests and dashboard sessions with it stop working at once.") { idArgument };
        revoke.SetAction((parse, cancellationToken) => WithStoresAsync(environment, db.Resolve(parse, environment), async stores =>
        {
            var id = parse.GetValue(idArgument)!;
            var key = await stores.Keys.RevokeAsync(id, TimeProvider.System.GetUtcNow(), cancellationToken);
            if (key is null)
            {
                return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, $"there is no key {id}.");
            }

            var sessions = await stores.Sessions.RevokeAllForKeyAsync(key.KeyId, cancellationToken);
            await environment.Out.WriteLineAsync($"Revoked {key.KeyId} ({Roles.Name(key.Role)}, \"{key.Name}\"); ended {sessions} dashboard session(s).");
            return ExitCodes.Success;
        }, cancellationToken));

        // The store options go on each subcommand, so `foreman keys create --store postgres …` reads naturally.
        foreach (var command in new[] { create, list, revoke })
        {
            db.AddTo(command);
        }

        keys.Subcommands.Add(create);
        keys.Subcommands.Add(list);
        keys.Subcommands.Add(revoke);
        return keys;
    }

    private static Task<int> WithKeysAsync(CliEnvironment environment, StoreTarget target, Func<IApiKeyStore, Task<int>> body, CancellationToken cancellationToken) =>
        WithStoresAsync(environment, target, stores => body(stores.Keys), cancellationToken);

    private static async Task<int> WithStoresAsync(CliEnvironment environment, StoreTarget target, Func<ServeStores, Task<int>> body, CancellationToken cancellationToken)
    {
        if (target.Error is { } error)
        {
            return await CommandFailure.ReportAsync(environment, ExitCodes.UsageError, error);
        }

        await using var stores = await ServeStores.OpenAsync(target, cancellationToken);
        return await body(stores);
    }
}
