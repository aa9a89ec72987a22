using System.Diagnostics;

namespace Bra.IntegrationTests.Support;

/// <summary>
/// A private Azurite (in memory, on free loopback ports) for one test class. Started from the repo's pinned npm
/// package, stopped by PID when the class is done, so tests never depend on a running instance.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? process;

    public int BlobPort { get; } = Ports.Free();
    public int QueuePort { get; } = Ports.Free();
    public int TablePort { get; } = Ports.Free();

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        var script = Path.Combine(Repo.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script}). Run 'npm ci' in {Repo.Root} (./test.sh does).");
        }

        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     script, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--inMemoryPersistence",
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
                 })
        {
            info.ArgumentList.Add(arg);
        }

        process = ChildProcesses.Track(Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start."));
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Ports.WaitUntilListeningAsync(BlobPort, TimeSpan.FromSeconds(20));
        await Ports.WaitUntilListeningAsync(QueuePort, TimeSpan.FromSeconds(20));
        await Ports.WaitUntilListeningAsync(TablePort, TimeSpan.FromSeconds(20));
    }

    /// <summary>Stops Azurite (for tests of what the app does when storage is gone).</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public Task DisposeAsync()
    {
        Kill();
        process?.Dispose();
        return Task.CompletedTask;
    }
}
