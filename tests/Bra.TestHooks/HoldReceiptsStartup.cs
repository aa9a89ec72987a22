using Bra.Core.Consultations;
using Bra.TestHooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

[assembly: HostingStartup(typeof(HoldReceiptsStartup))]

namespace Bra.TestHooks;

/// <summary>
/// Replaces the receipt gate with <see cref="HoldingReceiptGate"/>, so the restart test can kill the host between
/// storing an answer and mailing its receipt.
/// </summary>
public sealed class HoldReceiptsStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IReceiptSendGate, HoldingReceiptGate>()));
}

/// <summary>Holds every receipt forever just before it is claimed, after logging which one (ids only).</summary>
public sealed partial class HoldingReceiptGate(ILogger<HoldingReceiptGate> logger) : IReceiptSendGate
{
    public async Task BeforeSendingAsync(string consultationId, int version, CancellationToken ct)
    {
        LogHeld(logger, consultationId, version);
        await Task.Delay(Timeout.Infinite, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receipt of consultation {ConsultationId} version {Version} held before sending (test hook)")]
    private static partial void LogHeld(ILogger logger, string consultationId, int version);
}
