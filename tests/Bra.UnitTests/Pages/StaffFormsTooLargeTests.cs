using Bra.Core.Pages;

namespace Bra.UnitTests.Pages;

public sealed class StaffFormsTooLargeTests
{
    [Theory]
    [InlineData(64 * 1024, "större än 64 kB,")]
    [InlineData(16 * 1024, "större än 16 kB,")]
    [InlineData(10 * 1024 * 1024, "större än 10 MB,")]
    [InlineData(7 * 1024 * 1024 + 512 * 1024, "större än 7,5 MB,")]
    public void TooLargeText_Limit_InSwedishNotationWithAFittingUnit(long maxBytes, string expected) =>
        Assert.Contains(expected, StaffForms.TooLargeText(maxBytes));

    [Fact]
    public void TooLargeText_AnyForm_AdviceFitsFormsWithoutFilesToo() =>
        Assert.EndsWith("Gå tillbaka och korta texten eller välj en mindre fil.", StaffForms.TooLargeText(64 * 1024));
}
