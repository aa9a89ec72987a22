using System.Diagnostics;

namespace Bra.IntegrationTests.Support;

/// <summary>
/// A private Azurite (in memory, on loopback ports it binds itself: port 0, read back from the "successfully listening
/// at" lines it prints) for one test class. Started from the repo's pinned npm package, stopped by PID when the class
/// is done, so tests never depend on a running instance.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? process;

    /// <summary>The ports Azurite bound; known once <see cref="InitializeAsync"/> has returned.</summary>
    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    /// <summary>Azurite's process id once started (the benchmarks read its CPU time).</summary>
    public int? ProcessId => process?.Id;

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
                     "--blobHost", "127.0.0.1", "--blobPort", "0",
                     "--queueHost", "127.0.0.1", "--queuePort", "0",
                     "--tableHost", "127.0.0.1", "--tablePort", "0",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        process = ChildProcesses.Track(Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start."));
        // Azurite prints "Azurite Blob service is successfully listening at http://127.0.0.1:PORT" (also with --silent,
        // which only turns off the access log) once each server has bound; Table comes last.
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var bound = new Dictionary<string, int>();
        var allBound = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                allBound.TrySetException(new InvalidOperationException("Azurite exited before listening:\n" + string.Join('\n', output)));
                return;
            }

            output.Enqueue(e.Data);
            foreach (var service in new[] { "Blob", "Queue", "Table" })
            {
                if (Ports.ListeningAddress(e.Data, $"Azurite {service} service is successfully listening at ") is { } address)
                {
                    lock (bound)
                    {
                        bound[service] = address.Port;
                        if (bound.Count == 3)
                        {
                            allBound.TrySetResult();
                        }
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await allBound.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("Azurite did not report its ports:\n" + string.Join('\n', output));
        }

        (BlobPort, QueuePort, TablePort) = (bound["Blob"], bound["Queue"], bound["Table"]);
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
