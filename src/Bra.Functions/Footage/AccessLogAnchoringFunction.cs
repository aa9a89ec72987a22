using Bra.Core.Footage;
using Microsoft.Azure.Functions.Worker;

namespace Bra.Functions.Footage;

/// <summary>Anchors every site's access log at five past each hour (the development host runs the same method from a hosted service).</summary>
public sealed class AccessLogAnchoringFunction(AccessLogAnchoring anchoring)
{
    [Function(nameof(AccessLogAnchoring))]
    public Task<int> AccessLogAnchoring([TimerTrigger("0 5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        anchoring.RunAsync(cancellationToken);
}
