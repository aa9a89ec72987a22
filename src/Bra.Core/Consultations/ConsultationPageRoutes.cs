using Bra.Core.Http;
using Bra.Core.Pages;

namespace Bra.Core.Consultations;

/// <summary>The administrators' consultation pages of the staff workspace (read-only): the list and one consultation's status.</summary>
public sealed class ConsultationPageRoutes(ConsultationStatus status) : IRouteSource
{
    public IEnumerable<AppRoute> Routes =>
    [
        new("ConsultationsPage", "GET", "staff/consultations", Access.Administrator, ListAsync),
        new("ConsultationPage", "GET", "staff/consultations/{id}", Access.Administrator, OneAsync),
    ];

    private async Task<IResult> ListAsync(RequestContext c)
    {
        var views = await status.ListAsync(withConsultees: true, c.Aborted, c.Durable);
        return new PageResult<ConsultationsPage>(new Dictionary<string, object?>
        {
            [nameof(ConsultationsPage.Consultations)] = views.OrderBy(v => v.State == ConsultationState.Open ? 0 : 1).ThenBy(v => v.Deadline).ToList(),
        });
    }

    private async Task<IResult> OneAsync(RequestContext c) =>
        await status.GetAsync(c.Route("id"), withConsultees: true, c.Aborted, c.Durable) is { } view
            ? new PageResult<ConsultationPage>(new Dictionary<string, object?> { [nameof(ConsultationPage.View)] = view })
            : new PageResult<NotFoundPage>(new Dictionary<string, object?>(), StatusCodes.Status404NotFound);
}
