namespace Foreman.Tests.Schema;

/// <summary>
/// Finds the official JSON-Schema-Test-Suite checked out beside the repository (shared/json-schema-test-suite next to
/// the folder holding Foreman.sln), as it is in CI. A missing suite is a failure, never a silent pass.
/// </summary>
internal static class TestSuiteLocator
{
    public static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Foreman.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            Assert.Fail($"Could not find Foreman.sln above '{AppContext.BaseDirectory}', so the JSON-Schema-Test-Suite cannot be located.");
        }

        var suite = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "json-schema-test-suite"));
        if (!Directory.Exists(Path.Combine(suite, "tests")))
        {
            Assert.Fail($"The JSON-Schema-Test-Suite is missing: expected it at '{suite}' (shared/json-schema-test-suite beside the repository).");
        }

        return suite;
    }
}
