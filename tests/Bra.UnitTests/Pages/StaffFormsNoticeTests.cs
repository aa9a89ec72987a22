using Bra.Core.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Bra.UnitTests.Pages;

public sealed class StaffFormsNoticeTests
{
    private static readonly (string, string)[] Notices = [("tillagd", "Personen är tillagd i registret."), ("sparad", "Ändringarna är sparade.")];

    [Fact]
    public void Notice_FlagInQuery_ItsText()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues> { ["sparad"] = "1" });

        Assert.Equal("Ändringarna är sparade.", StaffForms.Notice(query, Notices));
    }

    [Fact]
    public void Notice_TwoFlagsInQuery_TheTextOfTheFirstListed()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues> { ["sparad"] = "1", ["tillagd"] = "1" });

        Assert.Equal("Personen är tillagd i registret.", StaffForms.Notice(query, Notices));
    }

    [Fact]
    public void Notice_NoFlagInQuery_Null()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues> { ["annat"] = "1" });

        Assert.Null(StaffForms.Notice(query, Notices));
    }
}
