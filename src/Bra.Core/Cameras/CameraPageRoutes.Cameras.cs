using Bra.Core.Time;
using Microsoft.AspNetCore.Http;
using Bra.Core.Http;
using Bra.Core.Pages;
using Bra.Core.Storage;

namespace Bra.Core.Cameras;

/// <summary>The camera forms of a site's page: add a camera, change one, remove one.</summary>
public sealed partial class CameraPageRoutes
{
    private Task<IResult> AddCameraAsync(RequestContext c) => forms.HandleAsync(c, form =>
    {
        const string prefix = "camera-new-";
        var reader = new CameraFormReader(form, prefix, SwedishTime.Today(time));
        var input = reader.Camera();
        return CameraAnswerAsync(c, reader, prefix, "kamera-tillagd", () => sites.AddCameraAsync(c.Route("id"), input, c.Staff, c.Aborted));
    });

    private Task<IResult> UpdateCameraAsync(RequestContext c) => forms.HandleAsync(c, form =>
    {
        var prefix = $"camera-{c.Route("cameraId")}-";
        var reader = new CameraFormReader(form, prefix, SwedishTime.Today(time));
        var input = reader.Camera();
        return CameraAnswerAsync(c, reader, prefix, "kamera-sparad", () => sites.UpdateCameraAsync(c.Route("id"), c.Route("cameraId"), input, c.Staff, c.Aborted));
    });

    private async Task<IResult> CameraAnswerAsync(RequestContext c, CameraFormReader reader, string prefix, string done, Func<Task<Result<Camera>>> write)
    {
        Result<Camera> result;
        try
        {
            result = await write();
        }
        catch (RecordTooLargeException)
        {
            return await SiteAsync(c, new Failure(new CameraForm(reader.Values, new Dictionary<string, string[]>()), null, CameraSites.TooLargeText,
                StatusCodes.Status413PayloadTooLarge));
        }

        return await SiteAnswerAsync(c, result, c.Route("id"), done, "Kameran kunde inte sparas", reader.Values, key => CameraForm.CameraField(prefix, key));
    }

    private Task<IResult> RemoveCameraAsync(RequestContext c) => forms.HandleAsync(c, async _ =>
        await SiteAnswerAsync(c, await sites.DeleteCameraAsync(c.Route("id"), c.Route("cameraId"), c.Staff, c.Aborted), c.Route("id"), "kamera-borttagen",
            "Kameran kunde inte tas bort", values: null));
}
