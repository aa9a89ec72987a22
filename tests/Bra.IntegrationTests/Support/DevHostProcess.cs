using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Bra.IntegrationTests.Support;

/// <summary>
/// The development host as a separate process on a free port, over a given Azurite: what a person runs, driven over
/// HTTP. Its output is kept so tests can check what it logged. Restartable over the same storage and task hub.
/// </summary>
public sealed class DevHostProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> output = new();
    private readonly Dictionary<string, string> environment;
    private Process? process;

    public DevHostProcess(AzuriteFixture azurite, IDictionary<string, string>? settings = null, string environmentName = "Development")
    {
        Port = Ports.Free();
        DataFolder = Directory.CreateTempSubdirectory("bra-devhost-").FullName;
        environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["DOTNET_ENVIRONMENT"] = environmentName,
            ["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/'),
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["TaskHubName"] = "T" + Guid.NewGuid().ToString("N")[..12],
            ["App__PublicBaseUrl"] = BaseAddress.ToString().TrimEnd('/'),
            ["Auth__DevelopmentKeyFolder"] = Path.Combine(DataFolder, "keys"),
            ["Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string DataFolder { get; }

    public HttpClient Client { get; }

    public string Output => string.Join('\n', output);

    public bool HasExited => process?.HasExited ?? true;

    public async Task StartAsync()
    {
        if (!File.Exists(Repo.DevHostDll))
        {
            throw new InvalidOperationException($"The development host is not built: {Repo.DevHostDll}");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Repo.DevHostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Repo.DevHostDll);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        process = ChildProcesses.Track(Process.Start(info) ?? throw new InvalidOperationException("The development host did not start."));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The development host exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                // Started once health answers with storage reachable (a test may configure email wrongly on purpose).
                using var response = await Client.GetAsync("api/health");
                if (response.IsSuccessStatusCode || (await response.Content.ReadAsStringAsync()).Contains("\"storage\":\"ok\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The development host did not become healthy:\n{Output}");
    }

    /// <summary>SIGTERM, as Ctrl-C or a service manager would; returns how long the process took to exit.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        if (process is null || process.HasExited)
        {
            return TimeSpan.Zero;
        }

        var watch = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return watch.Elapsed;
    }

    /// <summary>SIGKILL: the process dies mid-work, as in a crash or a power cut.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async Task<string> TokenAsync(string email)
    {
        using var response = await Client.PostAsJsonAsync("dev/token", new { email });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return body!.AccessToken;
    }

    /// <summary>A client that sends the given person's development token.</summary>
    public async Task<HttpClient> ClientForAsync(string email)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(email));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            await StopAsync().WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { });
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process?.Dispose();
        Client.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed record TokenResponse(string AccessToken);
}
