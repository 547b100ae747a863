using System.CommandLine;
using Foreman.Cli.Commands;
using Foreman.Cli.Serve;

namespace Foreman.Cli;

/// <summary>The <c>foreman</c> command line.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Foreman: a production runtime for AI agents.")
        {
            AgentCommands.Create(environment),
            RunCommands.Create(environment),
            DlqCommands.Create(environment),
            EventCommands.Create(environment),
            WorkerCommand.Create(environment),
            BenchCommands.Create(environment),
            ReviewCommands.Create(environment),
            AutonomyCommands.Create(environment),
            DemoCommand.Create(environment),
            ServeCommand.Create(environment),
            KeyCommands.Create(environment),
            TraceCommands.Create(environment),
            CostCommand.Create(environment),
            AlertCommands.Create(environment),
            QualityCommand.Create(environment),
        };

        var configuration = new InvocationConfiguration { Output = environment.Out, Error = environment.Error };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
