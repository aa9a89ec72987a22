using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Bra.IntegrationTests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (never `playwright install`: nothing is downloaded). ./test.sh installs the
/// chromium package when run as root; without it, page tests fail with a message saying so.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: run 'apt-get install -y chromium' (./test.sh does as root).");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>Runs axe with the WCAG 2.1 A and AA rules and returns the violations (empty when the page passes).</summary>
    public static async Task<IReadOnlyList<AxeResultItem>> AxeViolationsAsync(IPage page)
    {
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return results.Violations;
    }

    /// <summary>Presses Tab until the focused element matches the selector (and text), as a keyboard user would.</summary>
    public static async Task TabUntilAsync(IPage page, string selector, string? text)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var matches = await page.EvaluateAsync<bool>(
                "([s, t]) => document.activeElement.matches(s) && (t === null || document.activeElement.textContent.includes(t))", new object?[] { selector, text });
            if (matches)
            {
                return;
            }
        }

        throw new InvalidOperationException($"Tab never reached {selector}.");
    }

    /// <summary>Axe finds nothing at desktop size and at 360 px (where nothing scrolls sideways), and, when asked, in print.</summary>
    public static async Task AssertAxeCleanAtDesktopAndPhoneAsync(IPage page, string what, bool print = false)
    {
        await page.SetViewportSizeAsync(1280, 800);
        var violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, what + ", desktop: " + BrowserFixture.Describe(violations));
        await page.SetViewportSizeAsync(360, 740);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            what + ": the page scrolls sideways on a phone: " + await page.EvaluateAsync<string>(
                "() => 'sw=' + document.documentElement.scrollWidth + ' cw=' + document.documentElement.clientWidth + ' iw=' + window.innerWidth + ' ' + [...document.querySelectorAll('body *')].map(e => [e.tagName + '#' + e.id, Math.round(e.getBoundingClientRect().right), e.scrollWidth]).sort((a, b) => b[1] - a[1]).slice(0, 4).join(' | ')"));
        violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, what + ", phone: " + BrowserFixture.Describe(violations));
        await page.SetViewportSizeAsync(1280, 800);
        if (print)
        {
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            violations = await BrowserFixture.AxeViolationsAsync(page);
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
            Assert.True(violations.Count == 0, what + ", print: " + BrowserFixture.Describe(violations));
        }
    }

    public static string Describe(IEnumerable<AxeResultItem> violations) =>
        string.Join("\n", violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))})"));

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}
