using Azure;
using Bra.Core;
using Bra.Core.Cameras;
using Bra.Core.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Bra.UnitTests.Cameras;

/// <summary>Submitting a request whose workflow already ran: the answer does not depend on whether its history was purged.</summary>
public sealed class CameraRequestSubmitTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SubmitAsync_WorkflowFailedAndHistoryPurged_ConflictAndNoNewWorkflow()
    {
        var request = new CameraRequest("r1", "s1", RequestKind.Extension, RequestState.Submitted, "Fortsatt behov.", null, null, [], [], null,
            "sokande", "Sara Sökande", Now.AddDays(-100), Now.AddDays(-100), null, null, false, WorkflowStopKind.Failed, Now.AddDays(-99));
        var store = new Mock<ICameraRequestRecords>();
        store.Setup(s => s.GetRequestAsync("r1", It.IsAny<CancellationToken>())).ReturnsAsync((request, new ETag("1")));
        store.Setup(s => s.ReplaceRequestAsync(It.IsAny<CameraRequest>(), It.IsAny<ETag>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        // The purge removed the instance: the engine knows nothing of it.
        var durable = new Mock<DurableTaskClient>("test");
        durable.Setup(d => d.GetInstanceAsync("r1", It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        durable.Setup(d => d.GetInstanceAsync("r1", It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        var requests = new CameraRequests(store.Object, null!, null!, Options.Create(new CamerasOptions()), new FakeTimeProvider(Now));

        var result = await requests.SubmitAsync("r1", durable.Object, default);

        Assert.Equal(ResultStatus.Conflict, result.Status);
        Assert.Equal("Ärendet är redan inskickat.", result.Message);
        durable.Verify(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<Microsoft.DurableTask.TaskName>(), It.IsAny<object?>(),
            It.IsAny<Microsoft.DurableTask.StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
