using System.CommandLine;
using Foreman.Agents;
using Foreman.Cli.Rendering;
using Foreman.Samples;
using Foreman.Testing;

namespace Foreman.Cli.Commands;

/// <summary><c>foreman agent list</c> and <c>foreman agent run</c>.</summary>
internal static class AgentCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var agent = new Command("agent", "Run and inspect agents.");
        agent.Subcommands.Add(CreateList(environment));
        agent.Subcommands.Add(CreateRun(environment));
        return agent;
    }

    private static Command CreateList(CliEnvironment environment)
    {
        var list = new Command("list", "List the sample agents.");
        list.SetAction(_ =>
        {
            foreach (var sample in SampleAgents.All)
            {
                environment.Out.WriteLine($"{sample.Name,-20} {sample.Description}");
            }

            return ExitCodes.Success;
        });
        return list;
    }

    private static Command CreateRun(CliEnvironment environment)
    {
        var agentOption = new Option<string>("--agent", "-a") { Description = "The agent to run (see 'foreman agent list').", Required = true };
        var inputOption = new Option<string?>("--input", "-i") { Description = "A file with the request, or '-' for standard input. The sample's example input when omitted." };
        var jsonOption = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var configOption = new Option<string?>("--config") { Description = "A foreman.json with the model endpoint (default: ./foreman.json if present)." };
        var run = new Command("run", "Run an agent once and print its result, its tool-call trail and its cost.")
        {
            agentOption, inputOption, jsonOption, configOption,
        };

        run.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetRequiredValue(agentOption);
            var sample = SampleAgents.Find(name);
            if (sample is null)
            {
                await environment.Error.WriteLineAsync($"error: no agent named '{name}'. Known agents: {string.Join(", ", SampleAgents.All.Select(s => s.Name))}.");
                return ExitCodes.UsageError;
            }

            var (input, inputError) = await ReadInputAsync(environment, parse.GetValue(inputOption), sample, cancellationToken);
            if (inputError is not null)
            {
                await environment.Error.WriteLineAsync($"error: {inputError}");
                return ExitCodes.UsageError;
            }

            var (setup, errors) = ModelSetup.Create(environment, parse.GetValue(configOption), new DelegateBehavior(sample.SimulatedBehavior));
            if (setup is null)
            {
                return await CommandFailure.ReportInvalidModelConfigurationAsync(environment, errors);
            }

            var json = parse.GetValue(jsonOption);
            if (!json)
            {
                await environment.Out.WriteLineAsync($"Running {sample.Name} with {setup.Description}.");
            }

            using var runtime = new AgentRuntime(setup.Router);
            var result = await runtime.RunAsync(sample.Build(), new AgentRequest(input!), cancellationToken);
            if (json)
            {
                var extra = new Dictionary<string, object?>(StringComparer.Ordinal) { ["simulated"] = setup.Simulated };
                await environment.Out.WriteLineAsync(AgentResultJson.Serialize(result, extra));
            }
            else
            {
                AgentResultRenderer.Render(environment.Out, result);
            }

            return result.Status switch
            {
                AgentStatus.Succeeded => ExitCodes.Success,
                AgentStatus.NeedsHuman => ExitCodes.NeedsHuman,
                _ => ExitCodes.Failed,
            };
        });
        return run;
    }

    private static async Task<(string? Input, string? Error)> ReadInputAsync(CliEnvironment environment, string? input, SampleAgent sample, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            return (sample.ExampleInput, null);
        }

        if (input == "-")
        {
            return (await Console.In.ReadToEndAsync(cancellationToken), null);
        }

        var path = environment.Resolve(input);
        if (!File.Exists(path))
        {
            return (null, $"the input file {path} does not exist.");
        }

        return (await File.ReadAllTextAsync(path, cancellationToken), null);
    }
}
