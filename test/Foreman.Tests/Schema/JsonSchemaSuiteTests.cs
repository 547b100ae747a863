using System.Globalization;
using System.Text;
using Foreman.Schema;
using Xunit.Abstractions;

namespace Foreman.Tests.Schema;

/// <summary>
/// Runs the official JSON-Schema-Test-Suite: the required tests of both drafts, the optional tests (bignum, ECMA-262
/// regex semantics, float overflow, ...), and the format tests with format assertion on for the formats we implement.
/// Each case is run through both IsValid and Validate, which must agree.
/// </summary>
public sealed class JsonSchemaSuiteTests
{
    // The formats FormatCheckers asserts; the suite's other format files test formats we leave as annotations.
    private static readonly string[] AssertedFormats =
        ["date-time", "date", "time", "duration", "email", "hostname", "ipv4", "ipv6", "uri", "uuid", "regex"];

    private readonly ITestOutputHelper output;

    public JsonSchemaSuiteTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void Draft202012_RequiredTests_MatchExpectedResults() =>
        RunSuite("draft2020-12", "draft2020-12", SchemaDialect.Draft202012, assertFormat: false, SuiteExclusions.Draft202012, _ => true);

    [Fact]
    public void Draft7_RequiredTests_MatchExpectedResults() =>
        RunSuite("draft7", "draft7", SchemaDialect.Draft7, assertFormat: false, SuiteExclusions.Draft7, _ => true);

    [Fact]
    public void Draft202012_OptionalTests_MatchExpectedResults() =>
        RunSuite("draft2020-12 optional", "draft2020-12/optional", SchemaDialect.Draft202012, assertFormat: false, SuiteExclusions.Optional202012, _ => true);

    [Fact]
    public void Draft7_OptionalTests_MatchExpectedResults() =>
        RunSuite("draft7 optional", "draft7/optional", SchemaDialect.Draft7, assertFormat: false, SuiteExclusions.Optional7, _ => true);

    [Fact]
    public void Draft202012_FormatTests_WithAssertFormat_MatchExpectedResults() =>
        RunSuite("draft2020-12 formats", "draft2020-12/optional/format", SchemaDialect.Draft202012, assertFormat: true, SuiteExclusions.Format202012, IsAssertedFormat);

    [Fact]
    public void Draft7_FormatTests_WithAssertFormat_MatchExpectedResults() =>
        RunSuite("draft7 formats", "draft7/optional/format", SchemaDialect.Draft7, assertFormat: true, SuiteExclusions.Format7, IsAssertedFormat);

    private static bool IsAssertedFormat(SuiteCase test) => AssertedFormats.Contains(Path.GetFileNameWithoutExtension(test.File), StringComparer.Ordinal);

    private void RunSuite(string title, string folder, SchemaDialect dialect, bool assertFormat, IReadOnlyDictionary<string, string> exclusions, Func<SuiteCase, bool> include)
    {
        var runner = new SuiteRunner(TestSuiteLocator.Find());
        var failures = new List<string>();
        var excluded = new List<string>();
        var usedExclusions = new HashSet<string>(StringComparer.Ordinal);
        int run = 0, passed = 0;

        foreach (var test in runner.ReadFolder(folder).Where(include))
        {
            var problem = runner.Run(test, dialect, assertFormat);
            var reason = SuiteExclusions.Find(exclusions, test, out var key);
            if (reason is not null)
            {
                excluded.Add($"  {test.Name}: {reason}");
                if (problem is not null)
                {
                    usedExclusions.Add(key!);
                }

                continue;
            }

            run++;
            if (problem is null)
            {
                passed++;
            }
            else
            {
                failures.Add($"  {test.Name}: {problem}");
            }
        }

        var stale = exclusions.Keys.Where(k => !usedExclusions.Contains(k)).ToList();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{title}: {run} run, {passed} passed, {failures.Count} failed, {excluded.Count} excluded");
        if (excluded.Count > 0)
        {
            report.AppendLine("Excluded:").AppendJoin('\n', excluded).AppendLine();
        }

        if (failures.Count > 0)
        {
            report.AppendLine("Failures:").AppendJoin('\n', failures).AppendLine();
        }

        if (stale.Count > 0)
        {
            report.AppendLine("Stale exclusions (they no longer exclude a failing case; remove them):").AppendJoin('\n', stale.Select(s => "  " + s)).AppendLine();
        }

        output.WriteLine(report.ToString());
        failures.ShouldBeEmpty(report.ToString());
        stale.ShouldBeEmpty(report.ToString());
        run.ShouldBeGreaterThan(0);
    }
}
