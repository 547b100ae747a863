using Foreman.Tools;

namespace Foreman.Tests.Tools;

public sealed class ToolRegistryTests
{
    private static ForemanTool Make(string name) => Tool.Create(name, "d", TestSchemas.AnyObject, (_, _) => default);

    [Fact]
    public void Constructor_DuplicateNames_Throws()
    {
        var ex = Should.Throw<ArgumentException>(() => new ToolRegistry([Make("get_invoice"), Make("create_order"), Make("get_invoice")]));

        ex.Message.ShouldContain("get_invoice");
    }

    [Fact]
    public void Constructor_NamesDifferingOnlyInCase_AreDistinctTools()
    {
        var registry = new ToolRegistry([Make("report"), Make("Report")]);

        registry.Count.ShouldBe(2);
        registry.TryGet("Report", out var tool).ShouldBeTrue();
        tool.ShouldNotBeNull().Name.ShouldBe("Report");
    }

    [Fact]
    public void TryGet_ExactNameOnly()
    {
        var registry = new ToolRegistry([Make("get_invoice")]);

        registry.TryGet("get_invoice", out _).ShouldBeTrue();
        registry.TryGet("GET_INVOICE", out _).ShouldBeFalse();
        registry.TryGet("get_invoice ", out _).ShouldBeFalse();
        registry.Names.ShouldBe(["get_invoice"]);
    }

    [Theory]
    [InlineData("get_invoices", "get_invoice")]
    [InlineData("GetInvoice", "get_invoice")]
    [InlineData("create-order", "create_order")]
    [InlineData("cancel_subscription_now", null)]
    [InlineData("", null)]
    public void Suggest_ReturnsTheClosestNameWithinASmallDistance(string asked, string? expected)
    {
        var registry = new ToolRegistry([Make("get_invoice"), Make("create_order"), Make("list_customers")]);

        registry.Suggest(asked).ShouldBe(expected);
    }

    [Fact]
    public void Suggest_VeryLongName_ReturnsNullQuickly()
    {
        var registry = new ToolRegistry([Make("get_invoice")]);

        registry.Suggest(new string('g', 1_000_000)).ShouldBeNull();
    }

    [Fact]
    public void Suggest_EmptyRegistry_ReturnsNull()
    {
        new ToolRegistry([]).Suggest("anything").ShouldBeNull();
    }
}
