using Microsoft.DurableTask;

namespace Bra.Core.Durable;

/// <summary>
/// How every workflow waits. A generation reads its plan from storage, acts until nothing is due, then waits once here:
/// a durable timer for the next instant something falls due against the workflow's signals, whichever comes first.
/// Then it continues as new with what it must remember (preserving unprocessed events), and the next generation reads
/// the plan again, so the history stays one generation long. Signals carry no data: storage is the truth and a signal
/// only wakes the workflow early. A signal that arrives in the same moment as the timer goes to the wait this
/// generation leaves behind (the SDK hands an event to the newest wait of its name) and is lost without harm, because
/// the next generation reads what it was about; a signal that arrives later is carried over to the next generation.
/// </summary>
public static class WorkflowWait
{
    public static async Task ForDueOrSignalAsync<TSignal>(TaskOrchestrationContext context, DateTime due, params string[] signals)
    {
        using var timerCancel = new CancellationTokenSource();
        var timer = context.CreateTimer(due, timerCancel.Token);
        var waits = signals.Select(name => (Task)context.WaitForExternalEvent<TSignal>(name)).ToList();
        if (await Task.WhenAny([timer, .. waits]) != timer)
        {
            timerCancel.Cancel();
        }
    }
}
