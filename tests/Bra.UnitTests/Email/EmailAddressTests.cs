using Bra.Core.Email;

namespace Bra.UnitTests.Email;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("\"a b\"@example.se")]
    [InlineData("x@[10.0.0.1]")]
    [InlineData("x@10.0.0.1")]
    [InlineData("a@-example.se")]
    [InlineData("a@example-.se")]
    [InlineData("a@example.se.")]
    [InlineData("a@example..se")]
    [InlineData("a@.example.se")]
    [InlineData("a@example")]
    [InlineData("åsa@example.se")]
    [InlineData("asa@exämple.se")]
    [InlineData("a b@example.se")]
    [InlineData(".a@example.se")]
    [InlineData("a.@example.se")]
    [InlineData("a..b@example.se")]
    [InlineData("a@@example.se")]
    [InlineData("<a@example.se>")]
    [InlineData("Anna <a@example.se>")]
    [InlineData("a@example_x.se")]
    [InlineData("@example.se")]
    [InlineData("a@")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_NotAPlainInternetAddress_False(string? address) =>
        Assert.False(EmailAddress.IsValid(address));

    [Theory]
    [InlineData("anna@example.se")]
    [InlineData("anna.andersson@kommun.example.se")]
    [InlineData("a+remiss@example.se")]
    [InlineData("o'brien@example.co.uk")]
    [InlineData("x@a-b.example.se")]
    [InlineData("x@xn--mlmo-loa.se")]
    [InlineData("X@EXAMPLE.SE")]
    [InlineData("  anna@example.se  ")]
    public void IsValid_PlainInternetAddress_True(string address) =>
        Assert.True(EmailAddress.IsValid(address));

    [Fact]
    public void IsValid_LabelOf64Characters_False() =>
        Assert.False(EmailAddress.IsValid($"a@{new string('b', 64)}.se"));

    [Fact]
    public void IsValid_LabelOf63Characters_True() =>
        Assert.True(EmailAddress.IsValid($"a@{new string('b', 63)}.se"));

    [Fact]
    public void IsValid_LocalPartOf65Characters_False() =>
        Assert.False(EmailAddress.IsValid($"{new string('a', 65)}@example.se"));

    [Fact]
    public void IsValid_Over254Characters_False() =>
        Assert.False(EmailAddress.IsValid($"{new string('a', 64)}@{string.Join('.', Enumerable.Repeat(new string('b', 60), 4))}.se"));
}
