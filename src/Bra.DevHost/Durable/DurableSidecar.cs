using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace Bra.DevHost.Durable;

/// <summary>
/// The Durable Task engine of the development host: DurableTask.AzureStorage (the storage provider Durable Functions
/// uses by default) behind the SDK's gRPC sidecar on a loopback HTTP/2 port, in this process. The worker and client
/// connect to it; it is started before the worker and stopped after it.
/// </summary>
public sealed class DurableSidecar(string connectionString, string taskHubName, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    /// <summary>
    /// The task hub's partitions (control queues), the same as <c>storageProvider.partitionCount</c> in the Functions app's
    /// host.json (checked by <c>HostJsonTests</c>). A task hub keeps the count it was created with: it cannot change later.
    /// </summary>
    public const int PartitionCount = 4;

    private WebApplication? host;
    private StopGuardedOrchestrationService? engine;

    // The worker and client read the sidecar's address before anything starts, so its port is chosen when the sidecar is
    // made (bound to port 0) and held by this socket until Kestrel binds it, so no other process takes it meanwhile.
    private readonly (Socket Socket, int Port) reservation = Reserve();

    public Uri Address => new($"http://127.0.0.1:{reservation.Port}");

    /// <summary>Whether the storage engine runs (polls its queues and leases): from the worker's connection until <see cref="StopAsync"/>.</summary>
    public bool EngineRunning => engine?.Running ?? false;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHubName,
            PartitionCount = PartitionCount,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            // Work a killed host had dequeued becomes visible again after these timeouts (5 minutes by default in
            // Azure). The development host is killed and restarted far more often, so it resumes sooner; running
            // activities keep renewing their messages, so they are not handed out twice meanwhile.
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            LoggerFactory = loggerFactory,
        });
        await service.CreateIfNotExistsAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Address.Port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        engine = new StopGuardedOrchestrationService(service);
        builder.Services.AddSingleton<IOrchestrationService>(engine);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddOptions<TaskHubGrpcServerOptions>();
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        host = builder.Build();
        host.MapGrpcService<TaskHubGrpcServer>();
        reservation.Socket.Dispose();
        await host.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The engine stops first, awaited, while storage is still reachable. Left to the sidecar, it would stop in the
        // background when the gRPC host stops (from ApplicationStopping, not awaited), and only once every work item it
        // handed out has come back, which those the stopped worker was running never do; the engine would poll storage
        // meanwhile, and once the storage is gone its partition manager's 10-minute shutdown timeout throws on a
        // thread-pool thread and ends the process. The sidecar's own stop later is a no-op (StopGuardedOrchestrationService).
        if (engine is not null)
        {
            await engine.StopAsync(isForced: true);
        }

        if (host is not null)
        {
            await host.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        reservation.Socket.Dispose();
    }

    private static (Socket, int) Reserve()
    {
        var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (bound, ((IPEndPoint)bound.LocalEndPoint!).Port);
    }
}
