using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Bra.IntegrationTests.Support;

/// <summary>
/// The development host as a separate process over a given Azurite: what a person runs, driven over HTTP. It binds
/// 127.0.0.1 port 0 and prints the address it got (<see cref="ListeningLinePrefix"/>), which is read back here; links
/// in its emails use that address. Its output is kept so tests can check what it logged. Restartable over the same
/// storage and task hub; started again, the same instance asks for the port it had.
/// </summary>
public sealed class DevHostProcess : IAsyncDisposable
{
    /// <summary>What the development host prints once it listens (src/Bra.DevHost/Program.cs), followed by its address.</summary>
    public const string ListeningLinePrefix = "BraFunctions development host listening on ";

    private readonly ConcurrentQueue<string> output = new();
    private readonly Dictionary<string, string> environment;
    private readonly bool publicBaseUrlGiven;
    private Process? process;

    public DevHostProcess(AzuriteFixture azurite, IDictionary<string, string>? settings = null, string environmentName = "Development")
    {
        DataFolder = Directory.CreateTempSubdirectory("bra-devhost-").FullName;
        environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["DOTNET_ENVIRONMENT"] = environmentName,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["TaskHubName"] = "T" + Guid.NewGuid().ToString("N")[..12],
            ["Auth__DevelopmentKeyFolder"] = Path.Combine(DataFolder, "keys"),
            ["Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        publicBaseUrlGiven = environment.ContainsKey("App__PublicBaseUrl");
        Client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The port the host bound; known once <see cref="StartAsync"/> has returned.</summary>
    public int Port { get; private set; }

    public Uri BaseAddress => Port == 0
        ? throw new InvalidOperationException("The development host has not started yet: its port is known only once it listens.")
        : new($"http://127.0.0.1:{Port}/");

    public string DataFolder { get; }

    /// <summary>The host's task hub: its orchestrations are in the tables <c>{TaskHubName}Instances</c> and <c>{TaskHubName}History</c>.</summary>
    public string TaskHubName => environment["TaskHubName"];

    public HttpClient Client { get; }

    public string Output => string.Join('\n', output);

    public bool HasExited => process?.HasExited ?? true;

    /// <summary>The host's process id once started (the benchmarks read its CPU time).</summary>
    public int? ProcessId => process?.Id;

    public async Task StartAsync()
    {
        if (!File.Exists(Repo.DevHostDll))
        {
            throw new InvalidOperationException($"The development host is not built: {Repo.DevHostDll}");
        }

        // Port 0 the first time; a restart of this instance asks for the port it had (the OS frees it when the old
        // process is gone), so its client and any address a test kept stay valid.
        var url = $"http://127.0.0.1:{Port}";
        environment["ASPNETCORE_URLS"] = url;
        if (!publicBaseUrlGiven)
        {
            // Port 0 here tells the host to put the address it bound into the links of its emails.
            environment["App__PublicBaseUrl"] = url;
        }

        if (environment.TryGetValue("ASPNETCORE_HOSTINGSTARTUPASSEMBLIES", out var startups) && startups.Split(';').Contains(TestHooks.AssemblyName))
        {
            TestHooks.PlaceNextTo(Repo.DevHostDll);
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

        if (process is { HasExited: false })
        {
            throw new InvalidOperationException("The development host is running already: stop or kill it before starting it again.");
        }

        process?.Dispose();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process = ChildProcesses.Track(Process.Start(info) ?? throw new InvalidOperationException("The development host did not start."));
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("The development host exited before listening:\n" + Output));
                return;
            }

            output.Enqueue(e.Data);
            if (Ports.ListeningAddress(e.Data, ListeningLinePrefix) is { } address)
            {
                listening.TrySetResult(address);
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        Uri bound;
        try
        {
            bound = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The development host did not report its address:\n{Output}");
        }

        if (Port != 0 && bound.Port != Port)
        {
            throw new InvalidOperationException($"The restarted development host listens on {bound}, not on its earlier port {Port}.");
        }

        Port = bound.Port;
        Client.BaseAddress ??= BaseAddress;

        // Started once health answers with storage reachable (a test may configure email wrongly on purpose).
        try
        {
            await Polling.EventuallyAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The development host exited with {process.ExitCode}:\n{Output}");
                }

                try
                {
                    using var response = await Client.GetAsync("api/health");
                    return response.IsSuccessStatusCode || (await response.Content.ReadAsStringAsync()).Contains("\"storage\":\"ok\"", StringComparison.Ordinal);
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            healthy => healthy, TimeSpan.FromSeconds(90), "the development host to become healthy");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Output}");
        }
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
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
            }
        }

        process?.Dispose();
        Client.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private sealed record TokenResponse(string AccessToken);
}
