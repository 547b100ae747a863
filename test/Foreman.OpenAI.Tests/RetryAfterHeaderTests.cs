namespace Foreman.OpenAI.Tests;

public sealed class RetryAfterHeaderTests
{
    private static readonly FixedTimeProvider Clock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("7", 7_000)]
    [InlineData("0", 0)]
    [InlineData("1.5", 1_500)]
    [InlineData("Sat, 01 Mar 2025 12:00:20 GMT", 20_000)]
    [InlineData("Sat, 01 Mar 2025 11:59:00 GMT", 0)]
    public void Parse_ValidValue_ReturnsDelay(string value, int expectedMilliseconds)
    {
        RetryAfterHeader.Parse(value, Clock).ShouldBe(TimeSpan.FromMilliseconds(expectedMilliseconds));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-3")]
    public void Parse_UnusableValue_ReturnsNull(string? value)
    {
        RetryAfterHeader.Parse(value, Clock).ShouldBeNull();
    }
}
