using Foreman.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C cancels the work in progress cleanly; a second one ends the process.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

return await CliApp.RunAsync(args, new CliEnvironment(Console.Out, Console.Error, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory()), cancellation.Token);
