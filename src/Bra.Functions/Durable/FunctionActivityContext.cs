using Microsoft.DurableTask;

namespace Bra.Functions.Durable;

/// <summary>
/// The activity context handed to a Bra.Core activity class from its hand-written Functions trigger (the Durable source
/// generator, which would write this, is not available).
/// </summary>
internal sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = new(name);

    public override string InstanceId { get; } = instanceId;
}
