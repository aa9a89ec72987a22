using Bra.Core.Http;
using Bra.Core.Pages;
using Microsoft.AspNetCore.Antiforgery;

namespace Bra.Core.Consultations;

/// <summary>The administrators' consultation pages of the staff workspace (read-only): the list and one consultation's status.</summary>
public sealed class ConsultationPageRoutes(ConsultationStatus status, ConsultationSteering steering, IAntiforgery antiforgery) : IRouteSource
{
    private const long MaxFormBytes = 16 * 1024;

    public IEnumerable<AppRoute> Routes =>
    [
        new("ConsultationsPage", "GET", "staff/consultations", Access.Administrator, ListAsync),
        new("ConsultationPage", "GET", "staff/consultations/{id}", Access.Administrator, c => OneAsync(c, null)),
        new("CloseConsultationForm", "POST", "staff/consultations/{id}/close", Access.Administrator, CloseAsync),
    ];

    private async Task<IResult> ListAsync(RequestContext c)
    {
        var views = await status.ListAsync(withConsultees: true, c.Aborted, c.Durable);
        return new PageResult<ConsultationsPage>(new Dictionary<string, object?>
        {
            [nameof(ConsultationsPage.Consultations)] = views.OrderBy(v => v.State == ConsultationState.Open ? 0 : 1).ThenBy(v => v.Deadline).ToList(),
        });
    }

    private async Task<IResult> OneAsync(RequestContext c, (string Message, int Status)? refusal) =>
        await status.GetAsync(c.Route("id"), withConsultees: true, c.Aborted, c.Durable) is { } view
            ? new PageResult<ConsultationPage>(new Dictionary<string, object?>
            {
                [nameof(ConsultationPage.View)] = view,
                [nameof(ConsultationPage.Notice)] = c.Request.Query.ContainsKey("stangd") ? "Remissen är stängd. Sammanställningen sparas och skickas." : null,
                [nameof(ConsultationPage.Error)] = refusal?.Message,
            }, refusal?.Status ?? StatusCodes.Status200OK)
            : new PageResult<NotFoundPage>(new Dictionary<string, object?>(), StatusCodes.Status404NotFound);

    /// <summary>"Stäng remissen nu": POST-redirect-GET back to the consultation's page.</summary>
    private async Task<IResult> CloseAsync(RequestContext c)
    {
        if (!c.Request.HasFormContentType || c.Request.ContentLength is not (> 0 and <= MaxFormBytes) || !await antiforgery.IsRequestValidAsync(c.Request.HttpContext))
        {
            return StaffPageAnswers.FormRefused();
        }

        var (outcome, consultation) = await steering.CloseEarlyAsync(c.Route("id"), c.Durable, c.Aborted);
        return outcome switch
        {
            CloseOutcome.Closed => new StaffPageAnswers.Redirect($"/staff/consultations/{consultation!.Id}?stangd=1", StatusCodes.Status303SeeOther),
            CloseOutcome.NotFound => new PageResult<NotFoundPage>(new Dictionary<string, object?>(), StatusCodes.Status404NotFound),
            CloseOutcome.NotOpen => await OneAsync(c, ("Remissen kunde inte stängas: den är inte längre öppen.", StatusCodes.Status409Conflict)),
            _ => await OneAsync(c, ("Remissen ändrades samtidigt (till exempel nåddes sista svarsdag). Se läget nedan.", StatusCodes.Status409Conflict)),
        };
    }
}
