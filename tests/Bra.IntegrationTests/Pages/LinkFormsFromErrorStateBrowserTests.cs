using Bra.IntegrationTests.Consultations;
using Bra.IntegrationTests.Support;
using Microsoft.Playwright;
using static Bra.IntegrationTests.Agreements.AgreementDriver;

namespace Bra.IntegrationTests.Pages;

/// <summary>
/// The link pages' error states live at another address than the page (<c>/respond/{token}/forward</c>,
/// <c>/sign/{token}/decline</c>), so every form and link on them must be absolute from the site root: each form is
/// submitted again from its error page and must reach its own route.
/// </summary>
public sealed class LinkFormsFromErrorStateBrowserTests(ConsultationHost env, BrowserFixture browser) : IClassFixture<ConsultationHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task RespondPage_AnswerFromTheForwardErrorPage_AnswerStoredAndDocumentLinkWorks()
    {
        var (_, links) = await env.OpenAsync(1);
        var token = links.Values.Single();
        var page = await NewPageAsync();
        await page.GotoAsync($"respond/{token}");

        await Button(page, "Vidarebefordra remissen").ClickAsync();
        await page.WaitForSelectorAsync("#fel-rubrik");
        Assert.EndsWith($"/respond/{token}/forward", page.Url);
        await AssertEveryActionAndLinkRootedAsync(page);
        var document = await page.Context.APIRequest.GetAsync((await page.GetAttributeAsync("a[href$='/document']", "href"))!);
        Assert.Equal(200, document.Status);

        await page.CheckAsync("input[name=position][value=noObjection]");
        await page.FillAsync("#respondentName", "Felsida Svarsson");
        await Button(page, "Skicka svaret").ClickAsync();
        await page.WaitForSelectorAsync("text=Tack, ert svar är registrerat");
        Assert.EndsWith($"/respond/{token}", page.Url);
        await AssertEveryActionAndLinkRootedAsync(page);
    }

    [Fact]
    public async Task RespondPage_ForwardFromTheAnswerErrorPage_Forwarded()
    {
        var (_, links) = await env.OpenAsync(1);
        var token = links.Values.Single();
        var page = await NewPageAsync();
        await page.GotoAsync($"respond/{token}");

        await Button(page, "Skicka svaret").ClickAsync();
        await page.WaitForSelectorAsync("#fel-rubrik");
        await Button(page, "Vidarebefordra remissen").ClickAsync();
        await page.WaitForSelectorAsync("#fel-rubrik");
        Assert.EndsWith($"/respond/{token}/forward", page.Url);

        await page.FillAsync("#forwardName", "Kollega Felsidan");
        await page.FillAsync("#forwardEmail", $"kollega-{Guid.NewGuid():N}@example.org");
        await Button(page, "Vidarebefordra remissen").ClickAsync();
        await page.WaitForSelectorAsync("text=Kollega Felsidan");
        Assert.EndsWith($"/respond/{token}/forward", page.Url);
        Assert.DoesNotContain("Sidan finns inte", await page.InnerTextAsync("main"));
    }

    [Fact]
    public async Task SignPage_SignFromTheDeclineErrorPage_SignedAndDocumentLinkWorks()
    {
        var emails = Emails(2);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var links = await WaitForLinksAsync(env.Capture, id, 2);
        var token = links[emails[0]];
        var page = await NewPageAsync();
        await page.GotoAsync($"sign/{token}");

        await Button(page, "Avböj att underteckna").ClickAsync();
        await page.WaitForSelectorAsync("#fel-rubrik");
        Assert.EndsWith($"/sign/{token}/decline", page.Url);
        await AssertEveryActionAndLinkRootedAsync(page);
        var document = await page.Context.APIRequest.GetAsync((await page.GetAttributeAsync("a[href$='/document']", "href"))!);
        Assert.Equal(200, document.Status);

        await page.FillAsync("#typedName", "Felsida Undertecknare");
        await page.CheckAsync("#consent");
        await Button(page, "Underteckna").ClickAsync();
        await page.WaitForSelectorAsync("text=Tack, du har undertecknat");
        Assert.EndsWith($"/sign/{token}", page.Url);
        Assert.Equal("Felsida Undertecknare", Signer(await StatusAsync(env.Admin, id), emails[0]).GetProperty("typedName").GetString());
    }

    private async Task<IPage> NewPageAsync() =>
        await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = env.Host.BaseAddress.ToString() });

    private static ILocator Button(IPage page, string name) =>
        page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true });

    private static async Task AssertEveryActionAndLinkRootedAsync(IPage page)
    {
        var targets = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('form')].map(f => f.getAttribute('action') ?? '')" +
            ".concat([...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')))");
        var relative = targets.Where(t => !(t.StartsWith('/') || t.StartsWith('#') || t.StartsWith("mailto:", StringComparison.Ordinal))).ToArray();
        Assert.True(relative.Length == 0, "Not absolute from the site root: " + string.Join(", ", relative));
    }
}
