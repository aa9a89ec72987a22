using Bra.Core.Durable;
using Bra.Core.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace Bra.DevHost.Durable;

public static class DurableHosting
{
    /// <summary>The sidecar, then the worker running every orchestrator and activity of Bra.Core, and a client.</summary>
    public static IServiceCollection AddDevHostDurable(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = StorageConnection.From(configuration).ConnectionString
            ?? throw new InvalidOperationException("The development host needs AzureWebJobsStorage as a connection string.");
        var hub = configuration["TaskHubName"] is { Length: > 0 } name ? name : "BraDev";

        services.AddSingleton(sp => new DurableSidecar(connection, hub, sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<DurableSidecar>());
        services.AddDurableTaskWorker(builder =>
        {
            builder.AddTasks(DurableTasks.Register);
            builder.UseGrpc(_ => { });
        });
        services.AddOptions<Microsoft.DurableTask.Worker.Grpc.GrpcDurableTaskWorkerOptions>()
            .Configure<DurableSidecar>((o, sidecar) => o.Address = sidecar.Address.ToString());
        services.AddDurableTaskClient(builder => builder.UseGrpc(_ => { }));
        services.AddOptions<Microsoft.DurableTask.Client.Grpc.GrpcDurableTaskClientOptions>()
            .Configure<DurableSidecar>((o, sidecar) => o.Address = sidecar.Address.ToString());
        return services;
    }
}
