namespace Foreman.Tests.Docs;

/// <summary>The README's quick start is the compiled sample in samples/QuickStart, word for word.</summary>
public sealed class ReadmeQuickStartTests
{
    [Fact]
    public void QuickStart_InReadme_MatchesTheCompiledSample()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllLines(Path.Combine(root, "README.md"));
        var start = Array.FindIndex(readme, l => l.Trim() == "```csharp");
        start.ShouldBeGreaterThan(0, "the README has a C# quick start");
        var block = readme.Skip(start + 1).TakeWhile(l => l.Trim() != "```").ToList();

        var program = File.ReadAllLines(Path.Combine(root, "samples", "QuickStart", "Program.cs"));
        var region = program.SkipWhile(l => !l.Contains("quick-start begin", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.Contains("quick-start end", StringComparison.Ordinal)).ToList();

        var readmeUsings = block.Where(l => l.StartsWith("using Foreman", StringComparison.Ordinal)).ToList();
        var readmeCode = block.Where(l => !System.Text.RegularExpressions.Regex.IsMatch(l, @"^using [A-Za-z.]+;$")).SkipWhile(string.IsNullOrWhiteSpace).ToList();
        readmeCode.ShouldBe(region);
        readmeUsings.ShouldAllBe(u => program.Contains(u));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Foreman.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Foreman.sln not found above the test assembly.");
    }
}
